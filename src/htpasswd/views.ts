import type { Range } from '../core/position';
import { lineRange, type HtpasswdDocument, type HtpasswdLine } from '../parsers/htpasswd/parser';

export type ServerName = 'nginx' | 'apache';

/** A user entry as one server reads it. */
export interface Entry {
  readonly line: HtpasswdLine;
  /** The user name exactly as the server compares it (BOM and blanks included where it keeps them). */
  readonly user: string;
  readonly userRange: Range;
  /** The stored hash exactly as the server hands it to verification. */
  readonly hash: string;
  readonly hashRange: Range;
  /** Text after a second colon (an htdigest hash, or a comment field). */
  readonly extra?: string;
  /** Apache's reading of a line with no ":" at all: the whole line is the "user" (it may hold a hash). */
  readonly withoutColon?: true;
}

/** A line the server skips or cannot use, and why. */
export interface SkippedLine {
  readonly line: HtpasswdLine;
  readonly reason: 'comment' | 'blank' | 'no-colon' | 'too-long' | 'after-too-long' | 'unreachable-cr' | 'continued';
}

export interface ServerView {
  readonly server: ServerName;
  readonly entries: readonly Entry[];
  readonly skipped: readonly SkippedLine[];
}

/** Apache's line buffer (MAX_STRING_LEN = HUGE_STRING_LEN = 8192, including the NUL). */
export const APACHE_MAX_LINE_BYTES = 8191;

/**
 * nginx (ngx_http_auth_basic_handler) scans the raw bytes: a line whose first byte is `#` is
 * a comment, a line starting with CR is skipped, the user name is everything up to the first
 * `:` (leading blanks and a BOM included), the hash runs to LF, CR or the next `:` (trailing
 * blanks included). A line without `:` never matches. With CR-only line ends, nginx waits for
 * a LF that never comes, so only the first line can match.
 */
export function nginxView(doc: HtpasswdDocument): ServerView {
  const entries: Entry[] = [];
  const skipped: SkippedLine[] = [];
  const crOnly = doc.lineEnds.bareCr > 0 && doc.lineEnds.lf + doc.lineEnds.crlf === 0;
  for (const line of doc.lines) {
    let text = line.text;
    if (crOnly) {
      if (line.number > 1) {
        skipped.push({ line, reason: 'unreachable-cr' });
        continue;
      }
      const cr = text.indexOf('\r');
      if (cr >= 0) text = text.slice(0, cr);
    }
    if (text === '') {
      skipped.push({ line, reason: 'blank' });
      continue;
    }
    if (text.startsWith('#') || text.startsWith('\r')) {
      skipped.push({ line, reason: 'comment' });
      continue;
    }
    const colon = text.indexOf(':');
    if (colon < 0) {
      skipped.push({ line, reason: 'no-colon' });
      continue;
    }
    // The hash ends at the next ":" or CR (found natively: this runs once per line of the file).
    const nextColon = text.indexOf(':', colon + 1);
    const cr = text.indexOf('\r', colon + 1);
    const hashEnd = Math.min(nextColon < 0 ? text.length : nextColon, cr < 0 ? text.length : cr);
    const entry: { -readonly [K in keyof Entry]: Entry[K] } = {
      line,
      user: text.slice(0, colon),
      userRange: lineRange(doc, line, 0, colon),
      hash: text.slice(colon + 1, hashEnd),
      hashRange: lineRange(doc, line, colon + 1, hashEnd),
    };
    if (hashEnd === nextColon) entry.extra = text.slice(hashEnd + 1);
    entries.push(entry);
  }
  return { server: 'nginx', entries, skipped };
}

const BLANKS = /^[ \t\r\f\v]+|[ \t\r\f\v]+$/g;
const LEADING_BLANKS = /^[ \t\r\f\v]+/;

/**
 * Apache (mod_authn_file + ap_cfg_getline) trims blanks at both ends of each line, skips
 * empty lines and lines starting with `#`, joins a line ending in `\` with the next, and
 * stops reading at a line longer than its 8 KiB buffer. The user is the text before the
 * first `:`, the hash the text up to the next `:`; a line without `:` is a user with an
 * empty hash. With CR-only line ends the whole file is one line.
 */
export function apacheView(doc: HtpasswdDocument, nginxReading?: ServerView, stopAfter?: number): ServerView {
  // Most lines read the same in both servers: then nginx's entry object stands for Apache's too
  // (a 100,000-line file would otherwise hold 100,000 more entries and their ranges).
  const sameAs = nginxReading ? new Map(nginxReading.entries.map((entry) => [entry.line.number, entry])) : undefined;
  const entries: Entry[] = [];
  const skipped: SkippedLine[] = [];
  let stopped = false;
  const crOnly = doc.lineEnds.bareCr > 0 && doc.lineEnds.lf + doc.lineEnds.crlf === 0;
  for (let i = 0; i < doc.lines.length; i++) {
    const line = doc.lines[i];
    // stopAfter: the file's too-long line, which may sit in an earlier window of a big file.
    if (stopped || (stopAfter !== undefined && line.number > stopAfter)) {
      skipped.push({ line, reason: 'after-too-long' });
      continue;
    }
    if (line.byteLength > APACHE_MAX_LINE_BYTES) {
      skipped.push({ line, reason: 'too-long' });
      stopped = true;
      continue;
    }
    let raw = crOnly ? line.text.replace(/\r/g, '') : line.text;
    // Backslash continuation: the next line is part of this one. The parts are joined once
    // (adding them one by one re-read the growing line per part: quadratic on 100,000 "a\\" lines).
    if (raw.endsWith('\\') && i + 1 < doc.lines.length) {
      const parts: string[] = [];
      let part = raw;
      while (part.endsWith('\\') && i + 1 < doc.lines.length) {
        parts.push(part.slice(0, -1));
        i++;
        skipped.push({ line: doc.lines[i], reason: 'continued' });
        part = doc.lines[i].text;
      }
      parts.push(part);
      raw = parts.join('');
    }
    // Blanks around the line are rare: the regular expressions run only when there are some.
    const blankEdge = raw !== '' && (isBlank(raw.charCodeAt(0)) || isBlank(raw.charCodeAt(raw.length - 1)));
    const leading = blankEdge ? raw.length - raw.replace(LEADING_BLANKS, '').length : 0;
    const text = blankEdge ? raw.replace(BLANKS, '') : raw;
    if (text === '') {
      skipped.push({ line, reason: 'blank' });
      continue;
    }
    if (text.startsWith('#')) {
      skipped.push({ line, reason: 'comment' });
      continue;
    }
    const colon = text.indexOf(':');
    const userEnd = colon < 0 ? text.length : colon;
    let hashEnd = text.length;
    if (colon >= 0) {
      const next = text.indexOf(':', colon + 1);
      if (next >= 0) hashEnd = next;
    }
    // Ranges stay on the entry's first line (a continued line's tail is on the next one).
    const at = (column: number): number => Math.min(leading + column, line.text.length);
    const nginxEntry = sameAs?.get(line.number);
    if (nginxEntry && colon >= 0 && hashEnd === text.length && raw === line.text && leading === 0 && nginxEntry.user === text.slice(0, userEnd) && nginxEntry.hash === text.slice(colon + 1) && nginxEntry.extra === undefined) {
      entries.push(nginxEntry);
      continue;
    }
    entries.push({
      line,
      user: text.slice(0, userEnd),
      userRange: lineRange(doc, line, at(0), at(userEnd)),
      hash: colon < 0 ? '' : text.slice(colon + 1, hashEnd),
      hashRange: colon < 0 ? lineRange(doc, line, at(text.length), at(text.length)) : lineRange(doc, line, at(colon + 1), at(hashEnd)),
      ...(colon >= 0 && hashEnd < text.length ? { extra: text.slice(hashEnd + 1) } : {}),
      ...(colon < 0 ? { withoutColon: true as const } : {}),
    });
  }
  return { server: 'apache', entries, skipped };
}

export function viewFor(server: ServerName, doc: HtpasswdDocument, nginxReading?: ServerView, stopAfter?: number): ServerView {
  return server === 'nginx' ? nginxView(doc) : apacheView(doc, nginxReading, stopAfter);
}

/** Space, tab, CR, FF, VT: what Apache trims around a line. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/** The entry a login as `user` would use: the first one with that exact name. */
export function findUser(view: ServerView, user: string): Entry | undefined {
  return view.entries.find((entry) => entry.user === user);
}
