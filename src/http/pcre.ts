/**
 * nginx and Apache match with PCRE2, not with JavaScript's engine. No maintained PCRE2 binding for
 * Node fits (the npm `pcre2` package is an unmaintained native addon; there is no WASM build on the
 * registry), so patterns are translated here into an equivalent JavaScript RegExp (with the `v`
 * flag, for nested classes and set syntax) under the options the servers compile with:
 *
 * - 8-bit, non-UTF mode: the subject and the pattern are byte strings (a UTF-8 "é" is two
 *   characters, `.` matches one byte), as nginx and httpd call PCRE2;
 * - ASCII tables: `\d \w \s \b [[:alpha:]]` and caseless matching concern ASCII only;
 * - `$` matches at the end or before a final newline (nginx); httpd's default is DOLLAR_ENDONLY;
 * - newline is LF: `.` and `\N` exclude it.
 *
 * Everything PCRE2 10.42 (Debian 12) accepts that has a JavaScript equivalent is translated: \Q…\E,
 * POSIX classes, \h \v \R \A \z \Z \G, (?P<name>…) and the other name forms, inline and scoped
 * options (i m s x xx n U, and ^), atomic groups and possessive quantifiers (emulated with a
 * captured lookahead), comments, \p{…} properties and scripts. What has none — recursion,
 * conditionals, backtracking verbs, \K, branch reset, callouts, caseless back-references — is
 * reported as unsupported, so that callers say "undecided" instead of "no match".
 */

export interface PcreOptions {
  readonly caseless?: boolean;
  /** `$` matches only at the very end (httpd's default RegexDefaultOptions DOLLAR_ENDONLY). */
  readonly dollarEndOnly?: boolean;
}

export type PcreTranslation = { readonly ok: true; readonly regex: PcreRegex } | { readonly ok: false; readonly reason: string };

/** A match, numbered as PCRE numbers its groups (index 0: the whole match), with named groups. */
export type PcreMatch = (string | undefined)[] & { index: number; named: Record<string, string | undefined> };

export class PcreRegex {
  constructor(
    private readonly js: RegExp,
    readonly source: string,
    private readonly captureCount: number,
    private readonly names: ReadonlyMap<string, number>,
  ) {}

  exec(subject: string): PcreMatch | null {
    const bytes = toBytes(subject);
    this.js.lastIndex = 0;
    const found = this.js.exec(bytes);
    if (!found) return null;
    const groups = found.groups ?? {};
    const out = [fromBytes(found[0])] as PcreMatch;
    for (let n = 1; n <= this.captureCount; n++) {
      const value = groups[`p${n}`];
      out.push(value === undefined ? undefined : fromBytes(value));
    }
    out.index = fromBytes(bytes.slice(0, found.index)).length;
    out.named = {};
    for (const [name, n] of this.names) out.named[name] = out[n];
    return out;
  }

  test(subject: string): boolean {
    this.js.lastIndex = 0;
    return this.js.test(toBytes(subject));
  }

  /** The JavaScript equivalent (for tests and debugging). */
  get javascript(): RegExp {
    return this.js;
  }
}

/** Translate a PCRE2 pattern; `ok: false` names the construct that has no JavaScript equivalent. */
export function translatePcre(pattern: string, options: PcreOptions = {}): PcreTranslation {
  try {
    const translator = new Translator(expandQuoted(toBytes(pattern)), options);
    const source = translator.translate();
    return { ok: true, regex: new PcreRegex(new RegExp(source, 'v'), pattern, translator.captures, translator.names) };
  } catch (error) {
    return { ok: false, reason: error instanceof Unsupported ? error.message : `the pattern does not compile (${(error as Error).message})` };
  }
}

/** The translated regex, or undefined when PCRE syntax has no JavaScript equivalent (callers: "undecided"). */
export function compilePcre(pattern: string, caseless: boolean, options: Omit<PcreOptions, 'caseless'> = {}): PcreRegex | undefined {
  const result = translatePcre(pattern, { ...options, caseless });
  return result.ok ? result.regex : undefined;
}

class Unsupported extends Error {}

/**
 * \Q…\E quotes at the lexical level, inside and outside classes: each quoted character becomes
 * a \x{hh} escape (so a following quantifier, or a "-" range, takes the last one alone); a
 * stray \E is dropped.
 */
function expandQuoted(src: string): string {
  if (!src.includes('\\Q') && !src.includes('\\E')) return src;
  let out = '';
  for (let i = 0; i < src.length; i++) {
    if (src[i] !== '\\') {
      out += src[i];
      continue;
    }
    const next = src[i + 1];
    if (next === 'Q') {
      const end = src.indexOf('\\E', i + 2);
      const quoted = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
      for (const ch of quoted) out += `\\x{${ch.charCodeAt(0).toString(16)}}`;
      i = end < 0 ? src.length : end + 1;
    } else if (next === 'E') i++;
    else if (next !== undefined) {
      out += src[i] + next;
      i++;
    } else out += src[i];
  }
  return out;
}

/** UTF-8 bytes as a string of code points 0–255: PCRE's 8-bit, non-UTF view of the text. */
function toBytes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

function fromBytes(bytes: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(bytes) ? bytes : Buffer.from(bytes, 'latin1').toString('utf8');
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  xx: boolean;
  n: boolean;
  U: boolean;
}

/** A set of code points 0–255, as inclusive ranges; classes are built from these. */
type Ranges = [number, number][];

const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
/** PCRE2's \s: HT, LF, VT, FF, CR and space (ASCII tables). */
const SPACE: Ranges = [[0x09, 0x0d], [0x20, 0x20]];
const HSPACE: Ranges = [[0x09, 0x09], [0x20, 0x20], [0xa0, 0xa0]];
const VSPACE: Ranges = [[0x0a, 0x0d], [0x85, 0x85]];

const POSIX: Record<string, Ranges> = {
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  digit: DIGIT,
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  upper: [[0x41, 0x5a]],
  lower: [[0x61, 0x7a]],
  space: SPACE,
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  graph: [[0x21, 0x7e]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
  word: WORD,
  ascii: [[0x00, 0x7f]],
};

function invert(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  let next = 0;
  for (const [from, to] of sorted) {
    if (from > next) out.push([next, from - 1]);
    next = Math.max(next, to + 1);
  }
  if (next <= 0xff) out.push([next, 0xff]);
  return out;
}

/** ASCII case counterparts of the letters in a range (PCRE's default tables fold ASCII only). */
function caseCounterparts(from: number, to: number): Ranges {
  const out: Ranges = [];
  const overlap = (lo: number, hi: number, shift: number): void => {
    const a = Math.max(from, lo);
    const b = Math.min(to, hi);
    if (a <= b) out.push([a + shift, b + shift]);
  };
  overlap(0x41, 0x5a, 0x20);
  overlap(0x61, 0x7a, -0x20);
  return out;
}

function code(c: number): string {
  return `\\u{${c.toString(16)}}`;
}

function rangesToClass(ranges: Ranges, nested: readonly string[] = [], negate = false): string {
  const body = ranges.map(([a, b]) => (a === b ? code(a) : `${code(a)}-${code(b)}`)).join('') + nested.join('');
  if (body === '') return negate ? '[\\s\\S]' : '[]';
  return `[${negate ? '^' : ''}${body}]`;
}

const ISOLATED_LETTER = /[A-Za-z]/;

class Translator {
  private pos = 0;
  captures = 0;
  readonly names = new Map<string, number>();
  private atomics = 0;
  /** Back-references, checked once every group is known (they may point forward). */
  private readonly pendingNumbers: number[] = [];

  constructor(
    private readonly src: string,
    private readonly options: PcreOptions,
  ) {}

  translate(): string {
    if (this.src.startsWith('(*')) throw new Unsupported('a leading (*VERB) option setting');
    const flags: Flags = { i: !!this.options.caseless, m: false, s: false, x: false, xx: false, n: false, U: false };
    const out = this.alternation(flags, 0);
    if (this.pos < this.src.length) throw new Error(`unmatched ")" at offset ${this.pos}`);
    return this.finish(out);
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  /** Alternatives until an unmatched ")" or the end; option changes carry into later branches. */
  private alternation(flags: Flags, depth: number): string {
    const branches: string[] = [this.sequence(flags, depth)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence(flags, depth));
    }
    return branches.join('|');
  }

  private skipExtended(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.pos++;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private sequence(flags: Flags, depth: number): string {
    const atoms: string[] = [];
    for (;;) {
      this.skipExtended(flags);
      const c = this.peek();
      if (c === '' || c === '|' || c === ')') break;
      const atom = this.atom(flags, depth);
      if (atom === null) continue; // an option setting or comment: nothing to quantify
      this.skipExtended(flags);
      atoms.push(this.quantified(atom, flags));
    }
    return atoms.join('');
  }

  private quantified(atom: Atom, flags: Flags): string {
    let text = atom.text;
    for (;;) {
      const quantifier = this.quantifier();
      if (!quantifier) return text;
      if (!atom.quantifiable) throw new Error('quantifier does not follow a repeatable item');
      let mode: 'greedy' | 'lazy' | 'possessive' = 'greedy';
      if (this.peek() === '?') {
        this.pos++;
        mode = 'lazy';
      } else if (this.peek() === '+') {
        this.pos++;
        mode = 'possessive';
      }
      if (flags.U && mode !== 'possessive') mode = mode === 'lazy' ? 'greedy' : 'lazy';
      const base = `(?:${text})${quantifier}`;
      text = mode === 'possessive' ? this.atomic(base) : mode === 'lazy' ? `${base}?` : base;
      this.skipExtended(flags);
    }
  }

  private quantifier(): string | undefined {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return c;
    }
    if (c !== '{') return undefined;
    // PCRE2 10.42: {n}, {n,}, {n,m}; anything else (including {,m}) is literal text.
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!match) return undefined;
    if (match[3] && Number(match[3]) < Number(match[1])) throw new Error('numbers out of order in {} quantifier');
    this.pos += match[0].length;
    return match[0];
  }

  private atomic(inner: string): string {
    const name = `a${++this.atomics}`;
    return `(?:(?=(?<${name}>${inner}))\\k<${name}>)`;
  }

  private literal(byte: number, flags: Flags): string {
    const ch = String.fromCharCode(byte);
    if (flags.i && ISOLATED_LETTER.test(ch)) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    if (/[A-Za-z0-9_]/.test(ch)) return ch;
    return code(byte);
  }

  private atom(flags: Flags, depth: number): Atom | null {
    const c = this.src[this.pos++];
    switch (c) {
      case '\\':
        return this.escape(flags);
      case '[':
        return { text: this.characterClass(flags), quantifiable: true };
      case '(':
        return this.group(flags, depth);
      case '.':
        return { text: flags.s ? '[\\s\\S]' : '[^\\n]', quantifiable: true };
      case '^':
        return { text: flags.m ? '(?:^|(?<=\\n))' : '^', quantifiable: false };
      case '$':
        if (flags.m) return { text: '(?=\\n|$)', quantifiable: false };
        return { text: this.options.dollarEndOnly ? '$' : '(?=\\n?$)', quantifiable: false };
      case '*':
      case '+':
      case '?':
        throw new Error('quantifier does not follow a repeatable item');
      case '{':
        this.pos--;
        if (this.quantifier()) throw new Error('quantifier does not follow a repeatable item');
        this.pos++;
        return { text: code(0x7b), quantifiable: true };
      default:
        return { text: this.literal(c.charCodeAt(0), flags), quantifiable: true };
    }
  }

  /** An escape outside a class. */
  private escape(flags: Flags): Atom {
    const c = this.src[this.pos++];
    if (c === undefined) throw new Error('\\ at end of pattern');
    switch (c) {
      case 'A':
        return { text: '^', quantifiable: false };
      case 'z':
        return { text: '$', quantifiable: false };
      case 'Z':
        return { text: '(?=\\n?$)', quantifiable: false };
      case 'G':
        // Callers match from the start of the subject, where \G is the start.
        return { text: '^', quantifiable: false };
      case 'b':
        return { text: '\\b', quantifiable: false };
      case 'B':
        return { text: '\\B', quantifiable: false };
      case 'E':
        return { text: '', quantifiable: false };
      case 'R':
        return { text: '(?:\\r\\n|[\\n\\v\\f\\r\\u{85}])', quantifiable: true };
      case 'N':
        return { text: '[^\\n]', quantifiable: true };
      case 'X':
        throw new Unsupported('\\X (extended grapheme cluster)');
      case 'K':
        throw new Unsupported('\\K (reset match start)');
      case 'C':
        throw new Unsupported('\\C (one code unit)');
      case 'g':
      case 'k':
        return this.backReference(c, flags);
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      this.pos--;
      const digits = /^\d+/.exec(this.src.slice(this.pos))![0];
      // PCRE2: below 10, starting with 8 or 9, or no more than the groups so far: a back-reference;
      // otherwise up to three octal digits are a character.
      if (Number(digits) < 10 || /^[89]/.test(digits) || Number(digits) <= this.captures) {
        this.pos += digits.length;
        return this.numberedReference(Number(digits), flags);
      }
      const octal = /^[0-7]{1,3}/.exec(this.src.slice(this.pos))![0];
      this.pos += octal.length;
      return { text: this.literal(this.byteValue(parseInt(octal, 8)), flags), quantifiable: true };
    }
    const set = this.classEscape(c);
    if (set) return { text: set.text ?? rangesToClass(set.ranges), quantifiable: true };
    const byte = this.characterEscape(c);
    return { text: this.literal(byte, flags), quantifiable: true };
  }

  private backReference(kind: 'g' | 'k', flags: Flags): Atom {
    const rest = this.src.slice(this.pos);
    let match: RegExpExecArray | null;
    if (kind === 'g') {
      if ((match = /^\{(-?\d+)\}|^(-?\d+)/.exec(rest))) {
        this.pos += match[0].length;
        const n = Number(match[1] ?? match[2]);
        return this.numberedReference(n < 0 ? this.captures + 1 + n : n, flags);
      }
      if ((match = /^\{([A-Za-z_]\w*)\}/.exec(rest))) {
        this.pos += match[0].length;
        return this.namedReference(match[1], flags);
      }
      throw new Unsupported('\\g<…> subroutine call');
    }
    if ((match = /^<([A-Za-z_]\w*)>|^'([A-Za-z_]\w*)'|^\{([A-Za-z_]\w*)\}/.exec(rest))) {
      this.pos += match[0].length;
      return this.namedReference(match[1] ?? match[2] ?? match[3], flags);
    }
    throw new Error('\\k is not followed by a group name');
  }

  private numberedReference(n: number, flags: Flags): Atom {
    if (flags.i) throw new Unsupported('a caseless back-reference');
    if (n < 1) throw new Error('invalid back-reference');
    this.pendingNumbers.push(n);
    return { text: `\\k<p${n}>`, quantifiable: true };
  }

  private namedReference(name: string, flags: Flags): Atom {
    if (flags.i) throw new Unsupported('a caseless back-reference');
    return { text: `\\k<${this.nameToken(name)}>`, quantifiable: true };
  }

  /** Named references are resolved after the whole pattern is read (they may point forward). */
  private nameToken(name: string): string {
    return `\u0000name:${name}\u0000`;
  }

  /** \d \w \s \h \v and their negations, \p{…}: the set, or undefined for other escapes. */
  private classEscape(c: string): { ranges: Ranges; text?: string } | undefined {
    switch (c) {
      case 'd':
        return { ranges: DIGIT };
      case 'D':
        return { ranges: invert(DIGIT) };
      case 'w':
        return { ranges: WORD };
      case 'W':
        return { ranges: invert(WORD) };
      case 's':
        return { ranges: SPACE };
      case 'S':
        return { ranges: invert(SPACE) };
      case 'h':
        return { ranges: HSPACE };
      case 'H':
        return { ranges: invert(HSPACE) };
      case 'v':
        return { ranges: VSPACE };
      case 'V':
        return { ranges: invert(VSPACE) };
      case 'p':
      case 'P':
        return { ranges: [], text: this.property(c === 'P') };
      default:
        return undefined;
    }
  }

  private property(negated: boolean): string {
    let name: string;
    if (this.peek() === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) throw new Error('malformed \\p');
      name = this.src.slice(this.pos + 1, end).replace(/[\s_-]/g, '');
      this.pos = end + 1;
    } else {
      name = this.src[this.pos++] ?? '';
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const p = negated ? '\\P' : '\\p';
    const special: Record<string, string> = {
      Any: '[\\s\\S]',
      'L&': `${p}{LC}`,
      Xan: '[\\p{L}\\p{N}]',
      Xwd: '[\\p{L}\\p{N}_]',
      Xsp: '[\\p{Z}\\t\\n\\v\\f\\r]',
      Xps: '[\\p{Z}\\t\\n\\v\\f\\r]',
    };
    if (name in special) {
      const text = special[name];
      if (!negated || name === 'L&') return text;
      return `[^${text.startsWith('[') ? text.slice(1, -1) : text}]`;
    }
    const candidates = /^[A-Z][a-z&]?$/.test(name) ? [`${p}{${name}}`] : [`${p}{Script=${name}}`, `${p}{${name}}`];
    for (const candidate of candidates) {
      try {
        new RegExp(candidate, 'v');
        return candidate;
      } catch {
        // try the next spelling
      }
    }
    throw new Error(`unknown property name after \\p: ${name}`);
  }

  /** A single-character escape (\n, \x41, \x{41}, \o{101}, \101, \cA, \., …) as a byte. */
  private characterEscape(c: string): number {
    const simple: Record<string, number> = { a: 7, e: 0x1b, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09 };
    if (c in simple) return simple[c];
    if (c === 'x') {
      const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.src.slice(this.pos));
      if (braced) {
        this.pos += braced[0].length;
        return this.byteValue(parseInt(braced[1], 16));
      }
      const hex = /^[0-9A-Fa-f]{0,2}/.exec(this.src.slice(this.pos))![0];
      this.pos += hex.length;
      return hex ? parseInt(hex, 16) : 0;
    }
    if (c === 'o') {
      const braced = /^\{([0-7]+)\}/.exec(this.src.slice(this.pos));
      if (!braced) throw new Error('\\o is not followed by {octal}');
      this.pos += braced[0].length;
      return this.byteValue(parseInt(braced[1], 8));
    }
    if (c === '0') {
      const octal = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))![0];
      this.pos += octal.length;
      return parseInt(`0${octal}`, 8);
    }
    if (c === 'c') {
      const next = this.src[this.pos++];
      if (!next || next.charCodeAt(0) > 127) throw new Error('\\c must be followed by an ASCII character');
      return next.toUpperCase().charCodeAt(0) ^ 0x40;
    }
    if (/[A-Za-z0-9]/.test(c)) throw new Error(`unrecognized character follows \\: \\${c}`);
    // Any other escaped character stands for itself.
    return c.charCodeAt(0);
  }

  private byteValue(value: number): number {
    if (value > 0xff) throw new Error('character code point value in \\x{} or \\o{} is too large (non-UTF mode)');
    return value;
  }

  private characterClass(flags: Flags): string {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    const nested: string[] = [];
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw new Error('missing terminating ] for character class');
      let c = this.src[this.pos++];
      if (c === ']' && !first) break;
      first = false;
      if (flags.xx && (c === ' ' || c === '\t')) continue;
      if (c === '[' && /^[:.=]/.test(this.peek())) {
        const posix = /^:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
        if (!posix) throw new Unsupported('POSIX collating elements [. .] / [= =]');
        const set = POSIX[posix[2]];
        if (!set) throw new Error(`unknown POSIX class name ${posix[2]}`);
        this.pos += posix[0].length;
        ranges.push(...(posix[1] ? invert(set) : set));
        this.noRangeAfterSet();
        continue;
      }
      let single: number | undefined;
      if (c === '\\') {
        c = this.src[this.pos++] ?? '';
        if (c === 'E') continue;
        const set = this.classEscape(c);
        if (set) {
          if (set.text) nested.push(set.text);
          else ranges.push(...set.ranges);
          this.noRangeAfterSet();
          continue;
        }
        if (c === 'b') single = 0x08;
        else if (c === 'N' || c === 'R' || c === 'X') throw new Error(`\\${c} is not allowed in a class`);
        else single = this.characterEscape(c);
      } else single = c.charCodeAt(0);
      // A range: this character, "-", and the next one.
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        const save = this.pos;
        this.pos++;
        const high = this.rangeEnd();
        if (high !== undefined) {
          if (high < single) throw new Error('range out of order in character class');
          ranges.push([single, high]);
          continue;
        }
        this.pos = save;
      }
      ranges.push([single, single]);
    }
    if (flags.i) for (const [a, b] of [...ranges]) ranges.push(...caseCounterparts(a, b));
    return rangesToClass(ranges, nested, negate);
  }

  /** PCRE2 rejects a range that starts at a set (\d-z, [:digit:]-z); "-" right before "]" is literal. */
  private noRangeAfterSet(): void {
    if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') throw new Error('invalid range in character class');
  }

  /** The end of a range after "-": a character; a set there (a-\d, a-[:digit:]) is an error, as in PCRE2. */
  private rangeEnd(): number | undefined {
    const c = this.src[this.pos];
    if (c === '[' && this.peek(1) === ':') throw new Error('invalid range in character class');
    if (c !== '\\') {
      this.pos++;
      return c.charCodeAt(0);
    }
    const next = this.src[this.pos + 1];
    if (next !== undefined && this.classEscape(next)) throw new Error('invalid range in character class');
    if (next === undefined || next === 'E') return undefined;
    this.pos += 2;
    if (next === 'b') return 0x08;
    return this.characterEscape(next);
  }

  private group(flags: Flags, depth: number): Atom | null {
    if (depth > 250) throw new Error('parentheses are too deeply nested');
    if (this.peek() === '*') throw new Unsupported('a backtracking verb (*…)');
    if (this.peek() !== '?') {
      if (flags.n) return this.inner(`(?:`, flags, depth);
      return this.capture(undefined, flags, depth);
    }
    this.pos++;
    const rest = this.src.slice(this.pos);
    let match: RegExpExecArray | null;
    if (rest.startsWith('#')) {
      const end = this.src.indexOf(')', this.pos);
      if (end < 0) throw new Error('missing ) after (?# comment');
      this.pos = end + 1;
      return null;
    }
    if (rest.startsWith(':')) return this.advance(1, () => this.inner('(?:', { ...flags }, depth));
    if (rest.startsWith('>')) return this.advance(1, () => ({ text: this.atomic(this.inner('(?:', { ...flags }, depth).text), quantifiable: true }));
    if (rest.startsWith('=') || rest.startsWith('!')) return this.advance(1, () => this.inner(`(?${rest[0]}`, { ...flags }, depth));
    if (rest.startsWith('<=') || rest.startsWith('<!')) return this.advance(2, () => this.inner(`(?${rest.slice(0, 2)}`, { ...flags }, depth));
    if ((match = /^(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest))) {
      this.pos += match[0].length;
      return this.capture(match[1] ?? match[2], flags, depth);
    }
    if ((match = /^P=([A-Za-z_]\w*)\)/.exec(rest))) {
      this.pos += match[0].length;
      return this.namedReference(match[1], flags);
    }
    if (rest.startsWith('|')) throw new Unsupported('a branch-reset group (?|…)');
    if (rest.startsWith('(')) throw new Unsupported('a conditional group (?(…)…)');
    if (/^(R|[+-]?\d|&|P>)/.test(rest)) throw new Unsupported('recursion or a subroutine call');
    if (rest.startsWith('C')) throw new Unsupported('a callout (?C…)');
    if ((match = /^(\^)?([imnsxU]*)(?:-([imnsxU]*))?([:)])/.exec(rest))) {
      this.pos += match[0].length;
      const set = { ...flags };
      if (match[1]) Object.assign(set, { i: false, m: false, n: false, s: false, x: false, xx: false, U: false });
      applyOptions(set, match[2], true);
      applyOptions(set, match[3] ?? '', false);
      if (match[4] === ')') {
        // Applies to the rest of the enclosing group, including its later branches.
        Object.assign(flags, set);
        return null;
      }
      return this.inner('(?:', set, depth, true);
    }
    throw new Error(`unrecognized character after (? at offset ${this.pos}`);
  }

  private advance(n: number, then: () => Atom): Atom {
    this.pos += n;
    return then();
  }

  private capture(name: string | undefined, flags: Flags, depth: number): Atom {
    const n = ++this.captures;
    if (name !== undefined) {
      if (this.names.has(name)) throw new Unsupported('duplicate group names');
      this.names.set(name, n);
    }
    return this.inner(`(?<p${n}>`, { ...flags }, depth);
  }

  /** The group's body up to its ")"; `opened` is the JavaScript opener. */
  private inner(opened: string, flags: Flags, depth: number, alreadyCopied = false): Atom {
    const body = this.alternation(alreadyCopied ? flags : { ...flags }, depth + 1);
    if (this.peek() !== ')') throw new Error('missing closing parenthesis');
    this.pos++;
    const lookaround = /^\(\?<?[=!]$/.test(opened);
    // JavaScript allows a quantifier on a lookahead only outside the v/u modes; PCRE allows it and it
    // is equivalent to one optional assertion: wrap it.
    return { text: lookaround ? `(?:${opened}${body}))` : `${opened}${body})`, quantifiable: true };
  }

  /** Resolve references once every group is known. */
  finish(source: string): string {
    for (const n of this.pendingNumbers) if (n > this.captures) throw new Error('reference to non-existent subpattern');
    // eslint-disable-next-line no-control-regex
    return source.replace(/\u0000name:(\w+)\u0000/g, (_all, name: string) => {
      const n = this.names.get(name);
      if (n === undefined) throw new Error(`reference to non-existent group "${name}"`);
      return `p${n}`;
    });
  }
}

interface Atom {
  readonly text: string;
  readonly quantifiable: boolean;
}

function applyOptions(flags: Flags, letters: string, on: boolean): void {
  for (let i = 0; i < letters.length; i++) {
    const letter = letters[i];
    if (letter === 'x') {
      if (letters[i + 1] === 'x') {
        flags.xx = on;
        i++;
      } else if (!on) flags.xx = false;
      flags.x = on;
    } else (flags as unknown as Record<string, boolean>)[letter] = on;
  }
}
