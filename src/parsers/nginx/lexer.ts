import { LineIndex, type Range } from '../../core/position';
import type { NginxSyntaxError, NginxWord } from './ast';
import { unescapeNginx } from './unescape';

/**
 * What the lexer read last. The token itself is in the lexer's fields (tokenStart, tokenEnd,
 * tokenWord, tokenText) rather than in an object per token: a config of 10,000 server blocks
 * has ~500,000 tokens, and an object for each was 45 MB of garbage.
 */
export type NginxTokenKind = 'word' | ';' | '{' | '}' | 'comment' | 'eof';

/** Whitespace as nginx defines it: only these four characters separate tokens. */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * A pull lexer that follows nginx's ngx_conf_read_token:
 * - `#` opens a comment only where a token would start (`foo#bar` is one word);
 * - a quote opens a quoted word only at the start of a token; elsewhere it is a plain character;
 * - a backslash protects the next character everywhere;
 * - `${` keeps its brace inside the word; other `{`, `;` and whitespace end an unquoted word,
 *   while `}` inside a word is an ordinary character, exactly as in nginx;
 * - after a closing quote only whitespace, `;`, `{` or `)` may follow (nginx: `unexpected "x"`).
 * Errors are collected, never thrown, and lexing goes on after each one.
 */
/** Syntax errors kept per file. */
export const MAX_SYNTAX_ERRORS = 100;

export class NginxLexer {
  readonly lines: LineIndex;
  readonly errors: NginxSyntaxError[] = [];
  private pos = 0;
  /** End offset of the `}` that closed the most recent block; undefined if it hit end of file. */
  lastBlockEnd: number | undefined;
  /** Set once the end of file inside open blocks has been reported. */
  eofReported = false;
  /** Offsets of the last token: its first character, and just past its last. */
  tokenStart = 0;
  tokenEnd = 0;
  /** The last token's word, when it was a word. */
  tokenWord: NginxWord | undefined;
  /** The last token's text after `#`, when it was a comment. */
  tokenText = '';

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  range(start: number, end: number): Range {
    return this.lines.lazyRange(start, end);
  }

  error(message: string, start: number, end: number, nginxMessage?: string): void {
    // nginx stops at the first error; listing a few more helps, listing 400,000 (a file of "}")
    // only fills memory: past the cap the errors are counted, and one last error says how many.
    if (this.errors.length >= MAX_SYNTAX_ERRORS) {
      this.errorsNotListed++;
      return;
    }
    this.errors.push({ message, range: this.range(start, end), ...(nginxMessage ? { nginxMessage } : {}) });
  }

  /** Errors past MAX_SYNTAX_ERRORS: counted, not kept. */
  errorsNotListed = 0;

  /** After the last token: one error for the ones not listed, at the end of the file. */
  closeErrors(): void {
    if (this.errorsNotListed === 0) return;
    const end = this.text.length;
    this.errors.push({ message: `${this.errorsNotListed.toLocaleString('en')} more syntax errors in this file, not listed (nginx -t stops at the first)`, range: this.range(end, end) });
  }

  next(): NginxTokenKind {
    const text = this.text;
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
    const start = this.pos;
    this.tokenStart = start;
    if (start >= text.length) {
      this.tokenEnd = start;
      return 'eof';
    }
    const ch = text[start];
    if (ch === '#') {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      this.pos = end;
      let textEnd = end;
      if (textEnd > start && text.charCodeAt(textEnd - 1) === 13) textEnd--;
      this.tokenText = text.slice(start + 1, textEnd);
      this.tokenEnd = textEnd;
      return 'comment';
    }
    if (ch === ';' || ch === '{' || ch === '}') {
      this.pos = start + 1;
      this.tokenEnd = start + 1;
      return ch;
    }
    if (ch === '"' || ch === "'") return this.quotedWord(start, ch);
    return this.plainWord(start);
  }

  private quotedWord(start: number, quote: '"' | "'"): NginxTokenKind {
    const text = this.text;
    let i = start + 1;
    while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) {
      // nginx reads on to the end of the file and reports "unexpected end of file". Point at
      // the opening quote instead, and recover by ending the word at the end of its line so
      // that the rest of the file is still parsed.
      let lineEnd = text.indexOf('\n', start);
      if (lineEnd < 0) lineEnd = text.length;
      this.error(`unterminated string: missing closing ${quote}`, start, start + 1, 'unexpected end of file, expecting ";" or "}"');
      this.pos = lineEnd;
      const inner = text.slice(start + 1, lineEnd).replace(/\r$/, '');
      return this.word(start, start + 1 + inner.length, quote, unescapeNginx(inner));
    }
    const end = i + 1;
    this.pos = end;
    if (end < text.length) {
      const after = text[end];
      if (!isSpace(after.charCodeAt(0)) && after !== ';' && after !== '{' && after !== ')') {
        this.error(`unexpected "${after}"`, end, end + 1);
      }
    }
    return this.word(start, end, quote, unescapeNginx(text.slice(start + 1, i)));
  }

  private plainWord(start: number): NginxTokenKind {
    const text = this.text;
    let i = start;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\\') {
        i = Math.min(i + 2, text.length);
        continue;
      }
      if (ch === '$' && text[i + 1] === '{') {
        i += 2;
        continue;
      }
      if (ch === ';' || ch === '{' || isSpace(text.charCodeAt(i))) break;
      i++;
    }
    this.pos = i;
    // Without a backslash the value is the raw text itself: one string, not two equal ones.
    const raw = text.slice(start, i);
    return this.word(start, i, null, unescapeNginx(raw), raw);
  }

  private word(start: number, end: number, quote: '"' | "'" | null, value: string, raw = this.text.slice(start, end)): NginxTokenKind {
    this.tokenWord = new LexedWord(raw, value, quote, this.lines, start, end);
    this.tokenEnd = end;
    return 'word';
  }

  /**
   * Read the body of a `*_by_lua_block { … }` (the `{` already consumed) up to its matching `}`,
   * skipping Lua strings and comments so that braces inside them do not count. Returns the
   * body as one word and leaves the lexer after the closing brace.
   */
  luaBlockBody(openOffset: number): { word: NginxWord; closed: boolean; endOffset: number } {
    const text = this.text;
    const bodyStart = openOffset + 1;
    let i = bodyStart;
    let depth = 1;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '-' && text[i + 1] === '-') {
        const longOpen = longBracketLevel(text, i + 2);
        if (longOpen >= 0) i = skipLongBracket(text, i + 2, longOpen);
        else {
          const nl = text.indexOf('\n', i);
          i = nl < 0 ? text.length : nl;
        }
        continue;
      }
      if (ch === '"' || ch === "'") {
        i++;
        while (i < text.length && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (ch === '[') {
        const level = longBracketLevel(text, i);
        if (level >= 0) {
          i = skipLongBracket(text, i, level);
          continue;
        }
      }
      if (ch === '{') depth++;
      if (ch === '}' && --depth === 0) break;
      i++;
    }
    const closed = i < text.length;
    const bodyEnd = Math.min(i, text.length);
    this.pos = closed ? bodyEnd + 1 : bodyEnd;
    if (!closed) this.error('unexpected end of file, expecting "}" to close the Lua block', openOffset, openOffset + 1, 'unexpected end of file, expecting "}"');
    const body = text.slice(bodyStart, bodyEnd);
    return {
      word: { raw: body, value: body, quote: null, luaBlock: true, range: this.range(bodyStart, bodyEnd) },
      closed,
      endOffset: this.pos,
    };
  }
}

/**
 * A word that keeps its offsets and makes its range when first asked: a config of 10,000 server
 * blocks has some 300,000 words, whose ranges only a few findings ever read (one object per word
 * instead of two, ~12 MB of that tree's ~95 MB).
 */
class LexedWord implements NginxWord {
  private madeRange: Range | undefined;

  constructor(
    readonly raw: string,
    readonly value: string,
    readonly quote: '"' | "'" | null,
    private readonly lines: LineIndex,
    private readonly startOffset: number,
    private readonly endOffset: number,
  ) {}

  get range(): Range {
    return (this.madeRange ??= this.lines.lazyRange(this.startOffset, this.endOffset));
  }

  toJSON(): NginxWord {
    return { raw: this.raw, value: this.value, quote: this.quote, range: this.range };
  }
}

/** Level of a Lua long bracket `[==[` starting at `at`, or -1 if there is none. */
function longBracketLevel(text: string, at: number): number {
  if (text[at] !== '[') return -1;
  let i = at + 1;
  while (text[i] === '=') i++;
  return text[i] === '[' ? i - at - 1 : -1;
}

function skipLongBracket(text: string, at: number, level: number): number {
  const close = ']' + '='.repeat(level) + ']';
  const end = text.indexOf(close, at + level + 2);
  return end < 0 ? text.length : end + close.length;
}
