import { LineIndex, type Position, type Range } from '../../core/position';

/** One physical line of a password file, split the way both servers split it. */
export interface HtpasswdLine {
  /** 1-based line number (lines end at LF). */
  readonly number: number;
  /** The line's text without its line terminator (a CR before the LF is not included). */
  readonly text: string;
  /** Offset of the line's first character in the decoded text. */
  readonly offset: number;
  /** The line ended with CR LF. */
  readonly crlf: boolean;
  /** Length in bytes as stored (UTF-8), terminator excluded. */
  readonly byteLength: number;
}

/** Positions of a document's offsets (offsets and lines count from the file's start). */
export interface DocumentIndex {
  positionAt(offset: number): Position;
  range(startOffset: number, endOffset: number): Range;
}

export interface HtpasswdDocument {
  /** Decoded text (of the window, for a part of a file); a leading BOM is kept as U+FEFF, as the servers keep it. */
  readonly text: string;
  /** Its lines, numbered from the file's first line (a window's first line may be line 40,001). */
  readonly lines: readonly HtpasswdLine[];
  readonly index: DocumentIndex;
  readonly byteLength: number;
  /** Starts with the UTF-8 byte order mark EF BB BF. */
  readonly utf8Bom: boolean;
  /** Looks like UTF-16 (a UTF-16 BOM or NUL bytes): nothing in it can match. */
  readonly utf16: boolean;
  /** Line ends: counts of LF-only, CR LF, and CR not followed by LF. */
  readonly lineEnds: { readonly lf: number; readonly crlf: number; readonly bareCr: number };
  readonly endsWithNewline: boolean;
}

/**
 * Split a password file into lines, keeping what the servers are sensitive to: the BOM,
 * CR before LF, bare CRs, byte lengths. Interpretation (what a user and a hash are for
 * nginx or for Apache) is left to the views in src/htpasswd/views.ts.
 */
export function parseHtpasswd(bytes: Buffer, at: WindowStart = FILE_START): HtpasswdDocument {
  const { utf8Bom, utf16 } = encodingMarks(bytes);
  const text = bytes.toString('utf8');
  // All ASCII (the usual case): a line's byte length is its length, not worth measuring per line.
  const ascii = text.length === bytes.length;
  const lines: HtpasswdLine[] = [];
  const lineStarts: number[] = [0];
  let lf = 0;
  let crlf = 0;
  let bareCr = 0;
  let start = 0;
  let number = at.line;
  for (let i = 0; i <= text.length; i++) {
    const atEnd = i === text.length;
    const code = atEnd ? 10 : text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) !== 10) bareCr++;
    if (code !== 10) continue;
    if (atEnd && start === text.length) break;
    const isCrlf = i > start && text.charCodeAt(i - 1) === 13;
    if (!atEnd) {
      if (isCrlf) crlf++;
      else lf++;
    }
    const lineText = text.slice(start, isCrlf ? i - 1 : i);
    lines.push({ number, text: lineText, offset: at.offset + start, crlf: isCrlf, byteLength: ascii ? lineText.length : Buffer.byteLength(lineText, 'utf8') });
    start = i + 1;
    if (!atEnd) lineStarts.push(start);
    number++;
  }
  return {
    text,
    lines,
    index: at === FILE_START ? new LineIndex(text, lineStarts) : new WindowIndex(text, at, lineStarts),
    byteLength: bytes.length,
    utf8Bom,
    utf16,
    lineEnds: { lf, crlf, bareCr },
    endsWithNewline: text.endsWith('\n'),
  };
}

/** Where a window of a file starts: its first line's number and the offset of its first character in the file's text. */
export interface WindowStart {
  readonly line: number;
  readonly offset: number;
}

const FILE_START: WindowStart = { line: 1, offset: 0 };

/** A LineIndex over a window's text that takes and gives the file's offsets and line numbers. */
class WindowIndex implements DocumentIndex {
  private readonly local: LineIndex;

  constructor(
    text: string,
    private readonly at: WindowStart,
    lineStarts: number[],
  ) {
    this.local = new LineIndex(text, lineStarts);
  }

  positionAt(offset: number): Position {
    const local = this.local.positionAt(offset - this.at.offset);
    return { line: local.line + this.at.line - 1, column: local.column, offset: local.offset + this.at.offset };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}

/** A UTF-8 byte order mark at the start; UTF-16 (its byte order mark at the start, or any NUL byte). */
export function encodingMarks(bytes: Buffer): { utf8Bom: boolean; utf16: boolean } {
  return {
    utf8Bom: bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
    utf16: (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) || bytes.includes(0),
  };
}

/** The range of a slice of one line (columns from `from` to `to`, 0-based within the line). */
export function lineRange(_doc: HtpasswdDocument, line: HtpasswdLine, from: number, to: number): Range {
  // Made from the line's own number and offset (what doc.index would find by searching): every
  // entry of a million-line file has two of these.
  const start = Math.max(0, Math.min(from, line.text.length));
  const end = Math.max(0, Math.min(to, line.text.length));
  return { start: { line: line.number, column: start + 1, offset: line.offset + start }, end: { line: line.number, column: end + 1, offset: line.offset + end } };
}
