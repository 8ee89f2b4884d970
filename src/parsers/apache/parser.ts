import { LineIndex, type Range } from '../../core/position';
import type { ApacheDirective, ApacheNode, ApacheParseResult, ApacheSyntaxError, ApacheWord } from './ast';

/**
 * A logical line: physical lines joined where one ends in a backslash (ap_cfg_getline), with
 * the map back to offsets in the file so every word keeps its exact range.
 */
interface LogicalLine {
  readonly text: string;
  /** For each character of `text`, its offset in the file. */
  readonly offsets: number[];
  /** Offset just past the logical line's last character in the file. */
  readonly end: number;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\f' || ch === '\v';
}

function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let chars = '';
  let offsets: number[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let lineEnd = end;
    while (lineEnd > start && isSpace(text[lineEnd - 1])) lineEnd--;
    const continued = lineEnd > start && text[lineEnd - 1] === '\\' && end < text.length;
    const upTo = continued ? lineEnd - 1 : lineEnd;
    for (let i = start; i < upTo; i++) {
      chars += text[i];
      offsets.push(i);
    }
    if (!continued) {
      out.push({ text: chars, offsets, end: upTo });
      chars = '';
      offsets = [];
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  return out;
}

/** Split the words of a directive's arguments as ap_getword_conf does. */
function words(line: LogicalLine, from: number, to: number, index: LineIndex): ApacheWord[] {
  const out: ApacheWord[] = [];
  const text = line.text;
  let i = from;
  const rangeOf = (a: number, b: number): Range => index.range(line.offsets[a], b > a ? line.offsets[b - 1] + 1 : line.offsets[a]);
  while (i < to) {
    while (i < to && isSpace(text[i])) i++;
    if (i >= to) break;
    const start = i;
    const quote = text[i] === '"' || text[i] === "'" ? (text[i] as '"' | "'") : null;
    let value = '';
    if (quote) {
      i++;
      while (i < to && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < to && (text[i + 1] === quote || text[i + 1] === '\\')) {
          value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      if (i < to) i++; // the closing quote
    } else {
      while (i < to && !isSpace(text[i])) {
        if (text[i] === '\\' && text[i + 1] === '\\') {
          value += '\\';
          i += 2;
        } else value += text[i++];
      }
    }
    out.push({ raw: text.slice(start, i), value, quote, range: rangeOf(start, i) });
  }
  return out;
}

/**
 * Sections nested deeper than this are not opened (their directives stay in the deepest open
 * section) and one error says so: hostile input 6,000 sections deep would otherwise overflow
 * the stack of every recursive walk after the parser. httpd's own stock configs nest 4 deep.
 */
export const MAX_SECTION_DEPTH = 100;

interface Open {
  readonly name: string;
  readonly directive: { name: string; nameRange: Range; args: ApacheWord[]; start: number };
  readonly body: ApacheNode[];
}

/**
 * Parse an Apache httpd configuration or .htaccess file: comments (a line whose first
 * non-blank character is #), directives, and sections (<Directory …> … </Directory>) with
 * exact ranges. Never throws; a section left open, a closing tag that matches nothing or the
 * wrong section, and a section line without its closing '>' are errors with positions, and
 * parsing goes on (an unmatched closing tag is skipped, open sections close at end of file).
 */
export function parseApache(text: string): ApacheParseResult {
  const index = new LineIndex(text);
  const errors: ApacheSyntaxError[] = [];
  const root: ApacheNode[] = [];
  const stack: Open[] = [];
  const current = (): ApacheNode[] => (stack.length > 0 ? stack[stack.length - 1].body : root);
  /** Sections opened past MAX_SECTION_DEPTH and not yet closed: their tags are skipped. */
  let skippedDepth = 0;

  for (const line of logicalLines(text)) {
    const body = line.text;
    let first = 0;
    while (first < body.length && isSpace(body[first])) first++;
    if (first >= body.length) continue;
    const at = (a: number, b: number): Range => index.range(line.offsets[a], line.offsets[Math.max(a, b - 1)] + (b > a ? 1 : 0));
    if (body[first] === '#') {
      current().push({ type: 'comment', text: body.slice(first + 1), range: at(first, body.length) });
      continue;
    }
    if (body[first] === '<') {
      const closing = body[first + 1] === '/';
      let nameEnd = first + (closing ? 2 : 1);
      while (nameEnd < body.length && !isSpace(body[nameEnd]) && body[nameEnd] !== '>') nameEnd++;
      const name = body.slice(first + (closing ? 2 : 1), nameEnd);
      let last = body.length;
      while (last > first && isSpace(body[last - 1])) last--;
      const hasClose = body[last - 1] === '>';
      if (closing && skippedDepth > 0) {
        skippedDepth--;
        continue;
      }
      if (closing) {
        const open = stack[stack.length - 1];
        if (!open) {
          errors.push({ message: `</${name}> without matching <${name}> section`, range: at(first, last) });
          continue;
        }
        if (open.name.toLowerCase() !== name.toLowerCase()) {
          // Apache: Expected </Directory> but saw </Location>. If an outer section matches, the
          // inner ones were left open; close them all there, else skip this tag.
          errors.push({ message: `Expected </${open.name}> but saw </${name}>`, range: at(first, last) });
          const match = stack.findIndex((o) => o.name.toLowerCase() === name.toLowerCase());
          if (match < 0) continue;
          while (stack.length > match + 1) closeSection(stack.pop() as Open, undefined);
        }
        closeSection(stack.pop() as Open, at(first, last));
        continue;
      }
      if (stack.length >= MAX_SECTION_DEPTH) {
        if (skippedDepth++ === 0) errors.push({ message: `sections nested more than ${MAX_SECTION_DEPTH} deep: authlint does not read the deeper ones (their directives count as part of the section around them)`, range: at(first, last) });
        continue;
      }
      if (!hasClose) errors.push({ message: `<${name}> directive missing closing '>'`, range: at(first, last) });
      const argsEnd = hasClose ? last - 1 : last;
      const args = words(line, nameEnd, argsEnd, index);
      stack.push({ name, directive: { name, nameRange: at(first, nameEnd), args, start: line.offsets[first] }, body: [] });
      continue;
    }
    let nameEnd = first;
    while (nameEnd < body.length && !isSpace(body[nameEnd])) nameEnd++;
    const directive: ApacheDirective = {
      type: 'directive',
      name: body.slice(first, nameEnd),
      nameRange: at(first, nameEnd),
      args: words(line, nameEnd, body.length, index),
      range: index.range(line.offsets[first], line.end),
    };
    current().push(directive);
  }
  while (stack.length > 0) {
    const open = stack.pop() as Open;
    errors.push({
      message: `<${open.name}> was not closed (opened at line ${open.directive.nameRange.start.line})`,
      apacheMessage: `<${open.name}> was not closed.`,
      range: index.range(text.length, text.length),
    });
    closeSection(open, undefined);
  }
  return { nodes: root, errors, lines: index };

  function closeSection(open: Open, closeRange: Range | undefined): void {
    const end = closeRange ? closeRange.end.offset : text.length;
    const node: ApacheDirective = {
      type: 'directive',
      name: open.directive.name,
      nameRange: open.directive.nameRange,
      args: open.directive.args,
      range: index.range(open.directive.start, end),
      section: { body: open.body, ...(closeRange ? { closeRange } : {}) },
    };
    current().push(node);
  }
}
