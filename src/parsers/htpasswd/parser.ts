import { LineIndex, type Range } from '../../core/position';

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

export interface HtpasswdDocument {
  /** Decoded text; a leading BOM is kept as U+FEFF, as the servers keep it. */
  readonly text: string;
  readonly lines: readonly HtpasswdLine[];
  readonly index: LineIndex;
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
export function parseHtpasswd(bytes: Buffer): HtpasswdDocument {
  const utf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf16 =
    (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) ||
    bytes.includes(0);
  const text = bytes.toString('utf8');
  const lines: HtpasswdLine[] = [];
  let lf = 0;
  let crlf = 0;
  let bareCr = 0;
  let start = 0;
  let number = 1;
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
    lines.push({ number, text: lineText, offset: start, crlf: isCrlf, byteLength: Buffer.byteLength(lineText, 'utf8') });
    start = i + 1;
    number++;
  }
  return {
    text,
    lines,
    index: new LineIndex(text),
    byteLength: bytes.length,
    utf8Bom,
    utf16,
    lineEnds: { lf, crlf, bareCr },
    endsWithNewline: text.endsWith('\n'),
  };
}

/** The range of a slice of one line (columns from `from` to `to`, 0-based within the line). */
export function lineRange(doc: HtpasswdDocument, line: HtpasswdLine, from: number, to: number): Range {
  return doc.index.range(line.offset + from, line.offset + to);
}
