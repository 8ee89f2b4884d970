import type { Range } from '../core/position';
import { readSpan } from '../fs/safe-read';
import { encodingMarks, type WindowStart } from '../parsers/htpasswd/parser';
import { APACHE_MAX_LINE_BYTES } from './views';

/**
 * A password file is read in windows of about this many bytes, cut at line ends: a file of
 * 1,000,000 users (50 MB) would otherwise hold a million line and entry objects at once (2 MiB
 * windows peaked ~90 MB higher on that file; 256 KiB to 1 MiB measured alike, within noise). A file
 * smaller than this is one window, read as before.
 */
export const WINDOW_BYTES = 512 * 1024;

/** A window is not cut after a line ending in a backslash (Apache joins the next line to it), up to this size; no line is read past it. */
export const MAX_WINDOW_BYTES = 8 * WINDOW_BYTES; // 4 MiB

/** One window: bytes [start, end) of the file, and where its first line sits in the file. */
export interface WindowSpan {
  readonly start: number;
  readonly end: number;
  readonly at: WindowStart;
}

/** A comment line that may hold an authlint-disable suppression, placed in the whole file. */
export interface PasswordFileComment {
  readonly text: string;
  readonly range: Range;
  /** The next line that is not blank or a comment: what a disable-next-line covers. */
  nextLine: number;
  readonly trailing: false;
}

/**
 * What the rules ask about the whole file, worked out in a first pass over its windows:
 * the per-line rules then see one window at a time, the file-wide ones these facts.
 */
export interface PasswordFileFacts {
  readonly byteLength: number;
  readonly utf8Bom: boolean;
  readonly utf16: boolean;
  readonly lineEnds: { readonly lf: number; readonly crlf: number; readonly bareCr: number };
  readonly endsWithNewline: boolean;
  readonly lineCount: number;
  /** A line that is not blank and not a comment. */
  readonly hasEntryLine: boolean;
  /** Every user line is user:realm:md5 (an htdigest file). */
  readonly isHtdigest: boolean;
  /** Where the first line ending in CR LF has its CR. */
  readonly firstCrlf?: Range;
  /** The first line over Apache's buffer, and how many lines with ":" come after it. */
  readonly firstTooLong?: { readonly line: number; readonly byteLength: number; readonly range: Range; readonly colonLinesBelow: number };
  readonly comments: readonly PasswordFileComment[];
  readonly windows: readonly WindowSpan[];
  /** A line longer than MAX_WINDOW_BYTES starts here: the file was linted up to it (a hostile file, or no password file). */
  readonly cutAtLine?: number;
}

const HTDIGEST_LINE = /^[^:]+:[^:]*:[0-9a-f]{32}$/;

/** Whether a line is a user line for the htdigest test: not blank, not a comment, with a ":". */
function isUserLine(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && !trimmed.startsWith('#') && !text.startsWith('\r') && trimmed.includes(':');
}

/**
 * The first pass: cut the file (an open descriptor of `size` bytes) into windows and gather the
 * facts. It splits lines as parseHtpasswd does (at LF; a CR before it is not part of the line)
 * but makes no line objects: most lines are only looked at, and a million of them would be
 * garbage. The windows test compares what it finds with a whole-file read.
 */
export function scanPasswordFile(fd: number, size: number, windowBytes = WINDOW_BYTES): PasswordFileFacts {
  const windows: WindowSpan[] = [];
  const comments: PasswordFileComment[] = [];
  const waiting: PasswordFileComment[] = [];
  let lf = 0;
  let crlf = 0;
  let bareCr = 0;
  let utf16 = false;
  let utf8Bom = false;
  let endsWithNewline = false;
  let lineCount = 0;
  let hasEntryLine = false;
  let users = 0;
  let allHtdigest = true;
  let firstCrlf: Range | undefined;
  let tooLong: { line: number; byteLength: number; range: Range } | undefined;
  let colonLinesBelow = 0;
  let longLineAt: number | undefined;
  let at: WindowStart = { line: 1, offset: 0 };
  let start = 0;
  const position = (line: number, column: number, offset: number) => ({ line, column, offset });
  while (start < size) {
    const end = windowEnd(fd, start, size, windowBytes);
    if (end < 0) {
      longLineAt = at.line;
      break;
    }
    const bytes = readSpan(fd, start, end - start);
    if (bytes.length === 0) break;
    // The byte order marks count at the file's start only; a NUL byte anywhere.
    const marks = encodingMarks(bytes);
    if (start === 0) utf8Bom = marks.utf8Bom;
    if (start === 0 ? marks.utf16 : bytes.includes(0)) utf16 = true;
    const text = bytes.toString('utf8');
    const ascii = text.length === bytes.length;
    for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) if (text.charCodeAt(cr + 1) !== 10) bareCr++;
    let number = at.line;
    for (let from = 0; from < text.length; number++) {
      const newline = text.indexOf('\n', from);
      const stop = newline < 0 ? text.length : newline;
      const isCrlf = stop > from && text.charCodeAt(stop - 1) === 13;
      if (newline >= 0) {
        if (isCrlf) crlf++;
        else lf++;
      }
      const lineEnd = isCrlf ? stop - 1 : stop;
      const offset = at.offset + from;
      const length = lineEnd - from;
      const first = text.charCodeAt(from);
      // Lines are sliced only for the questions that need their text.
      if (!hasEntryLine || waiting.length > 0 || first === 35 /* # */ || allHtdigest) {
        const line = text.slice(from, lineEnd);
        const trimmed = line.trim();
        const code = trimmed !== '' && first !== 35;
        if (code && !line.trimStart().startsWith('#')) hasEntryLine = true;
        if (code) {
          for (const comment of waiting) comment.nextLine = number;
          waiting.length = 0;
        }
        if (first === 35 && line.includes('authlint-disable')) {
          const comment: PasswordFileComment = { text: line.slice(1), range: { start: position(number, 1, offset), end: position(number, length + 1, offset + length) }, nextLine: number + 1, trailing: false };
          comments.push(comment);
          waiting.push(comment);
        }
        if (allHtdigest && isUserLine(line)) {
          users++;
          if (!HTDIGEST_LINE.test(trimmed)) allHtdigest = false;
        }
      }
      if (isCrlf && !firstCrlf) firstCrlf = { start: position(number, length + 1, offset + length), end: position(number, length + 2, offset + length + 1) };
      if (tooLong) {
        // Searched within the line only: an indexOf from here would scan the rest of the window
        // for every line without a colon.
        if (text.slice(from, lineEnd).includes(':')) colonLinesBelow++;
      } else if (length * 3 > APACHE_MAX_LINE_BYTES) {
        // A UTF-16 unit is at most 3 UTF-8 bytes: shorter lines cannot be over the buffer.
        const byteLength = ascii ? length : Buffer.byteLength(text.slice(from, lineEnd), 'utf8');
        if (byteLength > APACHE_MAX_LINE_BYTES) tooLong = { line: number, byteLength, range: { start: position(number, 1, offset), end: position(number, length + 1, offset + length) } };
      }
      lineCount++;
      if (newline < 0) break;
      from = newline + 1;
    }
    endsWithNewline = text.endsWith('\n');
    windows.push({ start, end: start + bytes.length, at });
    // Every window but the last ends with a LF, so the next one starts on a new line.
    at = { line: number, offset: at.offset + text.length };
    start += bytes.length;
  }
  // An empty file is one empty window: the rules still see it (htpasswd/empty-file).
  if (windows.length === 0) windows.push({ start: 0, end: 0, at: { line: 1, offset: 0 } });
  return {
    byteLength: start,
    utf8Bom,
    utf16,
    lineEnds: { lf, crlf, bareCr },
    endsWithNewline,
    lineCount,
    hasEntryLine,
    isHtdigest: users > 0 && allHtdigest,
    ...(firstCrlf ? { firstCrlf } : {}),
    ...(tooLong ? { firstTooLong: { ...tooLong, colonLinesBelow } } : {}),
    comments,
    windows,
    ...(longLineAt !== undefined ? { cutAtLine: longLineAt } : {}),
  };
}

/**
 * Where a window that starts at `start` ends: just past the first line end after `windowBytes`
 * bytes, unless that line ends in a backslash (Apache's continuation: the next line belongs to
 * it), up to MAX_WINDOW_BYTES. When no line ends that far, the window ends after its last whole
 * line; a window whose first line alone is longer gives -1: the file is linted up to that line.
 */
function windowEnd(fd: number, start: number, size: number, windowBytes: number): number {
  if (size - start <= windowBytes) return size;
  const probe = 64 * 1024;
  const limit = Math.min(size, start + MAX_WINDOW_BYTES);
  let from = start + windowBytes;
  while (from < limit) {
    const bytes = readSpan(fd, from, Math.min(probe, limit - from));
    if (bytes.length === 0) break;
    let at = 0;
    for (;;) {
      const newline = bytes.indexOf(10, at);
      if (newline < 0) break;
      const end = from + newline + 1;
      if (!endsWithBackslash(fd, start, from + newline)) return end;
      at = newline + 1;
    }
    from += bytes.length;
  }
  if (limit === size) return size;
  // No line end (or only continued lines) within MAX_WINDOW_BYTES: end after the last line end
  // before it, so that the long line starts the next window.
  for (let back = start + windowBytes; back > start; back -= probe) {
    const from = Math.max(start, back - probe);
    const newline = readSpan(fd, from, back - from).lastIndexOf(10);
    if (newline >= 0) return from + newline + 1;
  }
  return -1;
}

/** Whether the line that ends (before its LF) at `newline` ends in a backslash, blanks after it aside. */
function endsWithBackslash(fd: number, windowStart: number, newline: number): boolean {
  const from = Math.max(windowStart, newline - 256);
  const tail = readSpan(fd, from, newline - from).toString('latin1');
  return tail.replace(/[ \t\r\f\v]+$/, '').endsWith('\\');
}

/** Password files up to this size are linted (window by window); a bigger one is reported, not read. */
export const MAX_PASSWORD_FILE_BYTES = 256 * 1024 * 1024;
