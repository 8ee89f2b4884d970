import { escapeControls, maskHashes } from '../reporters/redact';
import { APACHE_AUTH_HINT, matchApacheMessage, matchNginxMessage, NGINX_AUTH_HINT, type MessageMatch } from './error-lines';
import type { EventKind, LogEvent, ServerKind } from './events';
import type { AccessFormat } from './access-formats';

/** Where a line came from, for the event. */
export interface LineOrigin {
  readonly file: string;
  readonly line: number;
  /** The server an access log belongs to, when the file or the config says. */
  readonly accessServer: ServerKind;
  /** Year for timestamps that have none (journald's short format). */
  readonly year: number;
  /** Access-log formats to try, custom ones (from --config) first. */
  readonly accessFormats: readonly AccessFormat[];
  /** Whether a file path is a password file (from --config), when known; else a name test is used. */
  readonly isUserFile?: (serverPath: string) => boolean;
}

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/** journald's text (`journalctl -u nginx`): `Nov 29 14:02:11 host nginx[812]: …`, or with -o short-iso. */
const JOURNALD = /^(?:([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d:\d\d:\d\d)|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:?\d\d|Z)?)) \S+ [^\s:[]+(?:\[\d+\])?: /;
const NGINX_ERROR = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d) \[(\w+)\] \d+#\d+: (?:\*\d+ )?/;
/** NGINX_ERROR without captures, sticky: where the header ends (one sticky capturing regex for both was 6% slower on a 50 MB log: test() still records captures). */
const NGINX_ERROR_SHAPE = /\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[\w+\] \d+#\d+: (?:\*\d+ )?/y;
const APACHE24 = /^\[(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) (\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? (\d{4})\] \[(?:([\w-]+):)?(\w+)\] (?:\[pid \d+(?::tid \d+)?\] )?(?:\[remote [^\]]*\] )?(?:\((\d+)\)[^:]*: )?(?:\[client ([^\]]+)\] )?/;
/** nginx appends ", client: ADDR" (an address, never client text) and then ", server: NAME" to every request's message. */
const CLIENT_TAIL = /, client: ([0-9A-Fa-f.:]+|unix:[^,]*), server: /g;

/**
 * One line of any supported log to an auth event, or undefined when the line is not one. The
 * cheap hint tests run first, so most lines cost one regular-expression test.
 */
export function parseLogLine(raw: string, origin: LineOrigin): LogEvent | undefined {
  let text = raw;
  let journaldTime: { iso: string; epoch: number } | undefined;
  const journald = JOURNALD.exec(text);
  if (journald) {
    journaldTime = journald[4] ? isoTime(journald[4]) : localTime(origin.year, MONTHS[journald[1]], Number(journald[2]), journald[3]);
    text = text.slice(journald[0].length);
  }
  if (text.charCodeAt(0) === 0x5b /* [ */) return APACHE_AUTH_HINT.test(text) ? apacheError(text, raw, origin, journaldTime) : undefined;
  // An nginx error line: the anchored header, then one anchored test of the message's start —
  // most lines of a busy log are not about auth and cost no more than that.
  // Both tests are sticky and capture nothing, so a line that is not about auth allocates
  // nothing; the capturing header regex runs for the lines that are.
  NGINX_ERROR_SHAPE.lastIndex = 0;
  if (NGINX_ERROR_SHAPE.test(text)) {
    NGINX_AUTH_AT.lastIndex = NGINX_ERROR_SHAPE.lastIndex;
    if (!NGINX_AUTH_AT.test(text)) return undefined;
    const head = NGINX_ERROR.exec(text) as RegExpExecArray;
    return nginxError(text.slice(head[0].length), raw, origin, head);
  }
  // journald's copy of a line has no nginx header; the connection number still leads.
  if (journaldTime) return NGINX_AUTH_HINT.test(text) ? nginxError(text.replace(/^\*\d+ /, ''), raw, origin, undefined, journaldTime) : undefined;
  return accessLine(text, raw, origin);
}

/** How an nginx auth message starts (after "*CID "), for the fast path: tested where the header ends. */
const NGINX_AUTH_AT = /(?:user "|no user\/password|open\(\) "|pread\(\) "|crypt(?:_r)?\(\) failed|access forbidden by rule|auth request unexpected|PAM: |http_auth_ldap)/y;

function nginxError(body: string, raw: string, origin: LineOrigin, head: RegExpExecArray | undefined, journaldTime?: { iso: string; epoch: number }): LogEvent | undefined {
  // open()/pread() of a file that is no password file (a missing favicon: a busy log's commonest
  // error) is settled by its path, before the message is taken apart. The path runs to the
  // first quote, as in the message patterns.
  const quoted = body.startsWith('open() "') ? 8 : body.startsWith('pread() "') ? 9 : 0;
  if (quoted > 0) {
    const close = body.indexOf('"', quoted);
    if (close < 0 || !looksLikeUserFile(body.slice(quoted, close), origin)) return undefined;
  }
  const time = head ? nginxTime(head) : journaldTime;
  // The message ends where nginx appended ", client: ADDR, server: …". A user name may hold a
  // fake one, and so may the request line or the referrer after the real one: the real end is
  // the first candidate at which the message is one of nginx's own, whole.
  let match: MessageMatch | undefined;
  let tail = '';
  let client: string | null = null;
  for (const candidate of body.matchAll(CLIENT_TAIL)) {
    match = matchNginxMessage(body.slice(0, candidate.index));
    if (match) {
      client = candidate[1];
      tail = body.slice((candidate.index as number) + candidate[0].length);
      break;
    }
  }
  if (!match) match = matchNginxMessage(body); // a line with no request context (a startup check)
  if (!match) return undefined;
  if ((match.kind === 'user-file-missing' || match.kind === 'user-file-unreadable') && !looksLikeUserFile(match.userFile ?? '', origin)) return undefined;
  const request = /, request: "((?:[^"\\]|\\.)*)"/.exec(tail)?.[1];
  const [method, path] = splitRequest(request);
  const host = /, host: "([^"]*)"/.exec(tail)?.[1] ?? null;
  return build(origin, 'nginx', match, { time, client, host, method, path, raw });
}

function apacheError(text: string, raw: string, origin: LineOrigin, journaldTime?: { iso: string; epoch: number }): LogEvent | undefined {
  const head = APACHE24.exec(text);
  if (!head) return undefined;
  let message = text.slice(head[0].length);
  const referer = message.lastIndexOf(', referer: ');
  if (referer >= 0) message = message.slice(0, referer);
  const errno = head[7] === undefined ? undefined : Number(head[7]);
  const match = matchApacheMessage(message, errno);
  if (!match) return undefined;
  const time = localTime(Number(head[4]), MONTHS[head[1]], Number(head[2]), head[3]) ?? journaldTime;
  // 2.4 (with its [module:level] and [pid]) writes "[client ADDR:PORT]", 2.2 "[client ADDR]".
  const client = head[8] ? (head[5] !== undefined || /\[pid /.test(head[0]) ? stripPort(head[8]) : head[8]) : null;
  return build(origin, 'apache', match, { time, client, host: null, method: null, path: match.path ?? null, raw });
}

/** Access lines that can be events carry a 401, 403 or 407 status: one cheap test before any format is tried. */
const AUTH_STATUS = /(?:^|[^\d.])40[137](?:[^\d.]|$)/;

function accessLine(text: string, raw: string, origin: LineOrigin): LogEvent | undefined {
  if (!AUTH_STATUS.test(text)) return undefined;
  for (const format of origin.accessFormats) {
    const fields = format.parse(text);
    if (!fields) continue;
    const status = Number(fields.status);
    if (status !== 401 && status !== 403 && status !== 407) return undefined;
    const user = fields.user && fields.user !== '-' ? fields.user : null;
    const kind: EventKind = status === 403 ? 'access-denied' : user ? 'credentials-rejected' : 'no-credentials';
    const [method, path] = fields.request ? splitRequest(fields.request) : [fields.method ?? null, fields.path ?? null];
    const time = fields.time ? accessTime(fields.time) : undefined;
    return build(origin, origin.accessServer, { kind, ...(user ? { user } : {}), status }, { time, client: fields.client ?? null, host: fields.host ?? null, method, path, raw });
  }
  return undefined;
}

function build(
  origin: LineOrigin,
  server: ServerKind,
  match: MessageMatch,
  at: { time?: { iso: string; epoch: number }; client: string | null; host: string | null; method: string | null; path: string | null; raw: string },
): LogEvent {
  return {
    file: origin.file,
    line: origin.line,
    time: at.time?.iso ?? null,
    epoch: at.time?.epoch ?? null,
    server,
    kind: match.kind,
    client: at.client,
    user: match.user === undefined ? null : maskSecrets(match.user),
    host: at.host,
    method: at.method,
    path: at.path === null ? null : maskSecrets(at.path),
    userFile: match.userFile ?? null,
    status: match.status ?? null,
    // Masked when first read (a report keeps only a few examples): masking every line of a
    // multi-GB log would cost a tenth of the run.
    get text(): string {
      const value = escapeControls(maskSecrets(at.raw.slice(0, 2000)));
      Object.defineProperty(this, 'text', { value, enumerable: true });
      return value;
    },
  };
}

/**
 * Secrets a log line can carry: passwords and tokens in query strings and URLs (some clients
 * send them there), `user:password@` in a URL, and password hashes. They are masked in every
 * field and in the example line.
 */
export function maskSecrets(text: string): string {
  // Every pattern below needs one of these characters: most user names and paths have none.
  if (!/[$={@:]/.test(text)) return text;
  return maskHashes(text)
    .replace(/([?&;](?:pass(?:word|wd)?|pwd|secret|token|access_token|api_?key|key|auth|session|sid)=)[^&\s"#;]*/gi, '$1…')
    .replace(/(\/\/[^/\s:@"]+:)[^@\s/"]+@/g, '$1…@')
    .replace(/(Authorization: (?:Basic|Bearer|Digest) )\S+/gi, '$1…');
}

function looksLikeUserFile(file: string, origin: LineOrigin): boolean {
  if (origin.isUserFile) return origin.isUserFile(file);
  // Without the config, a missing favicon is not a missing password file: go by the name.
  return /(?:^|\/)(?:\.?ht(?:passwd|digest)|[^/]*passw(?:or)?d[^/]*|[^/]*\.htusers|[^/]*users?\.(?:txt|db|passwd)|[^/]*\.pass)$/i.test(file);
}

function splitRequest(request: string | undefined): [string | null, string | null] {
  if (!request) return [null, null];
  const m = /^([A-Z]{2,20}) (\S+)(?: HTTP\/[\d.]+)?$/.exec(request);
  return m ? [m[1], m[2]] : [null, request];
}

/** "192.0.2.7:5555" → 192.0.2.7; "2001:db8::1:5555" → 2001:db8::1 (httpd writes the port last, IPv6 unbracketed). */
function stripPort(address: string): string {
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  return /:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

let lastTime: { iso: string; epoch: number } | undefined;
let lastStamp = '';
let lastStampTime: { iso: string; epoch: number } | undefined;

/** nginx's "2026/11/29 14:02:11": consecutive lines share it, so it is parsed once per distinct value. */
function nginxTime(head: RegExpExecArray): { iso: string; epoch: number } | undefined {
  const stamp = head[0].slice(0, 19);
  if (stamp !== lastStamp) {
    lastStamp = stamp;
    lastStampTime = localTime(Number(head[1]), Number(head[2]), Number(head[3]), head[4]);
  }
  return lastStampTime;
}

/** A local time as ISO 8601 without an offset (the log gives none), and an epoch that takes it as UTC. */
function localTime(year: number, month: number | undefined, day: number, hms: string): { iso: string; epoch: number } | undefined {
  if (!month || !year) return undefined;
  const iso = `${year}-${pad(month)}-${pad(day)}T${hms}`;
  // Consecutive lines share their second: parse each distinct timestamp once.
  if (lastTime?.iso === iso) return lastTime;
  // Arithmetic instead of Date.parse of the ISO text (every line of a busy log may be a new
  // second), with the same verdicts: day 1–31 rolled over as Date.parse does (Feb 30 is Mar 2),
  // 24:00:00 allowed, nothing else out of range.
  const [h, m, s] = hms.split(':').map(Number);
  if (month > 12 || day < 1 || day > 31 || m > 59 || s > 59 || h > 24 || (h === 24 && (m !== 0 || s !== 0))) return undefined;
  // (Date.UTC reads years 0–99 as 1900–1999: those go the slow way.)
  const epoch = year >= 100 ? Date.UTC(year, month - 1, day, h, m, s) : Date.parse(`${iso}Z`);
  if (Number.isNaN(epoch)) return undefined;
  lastTime = { iso, epoch };
  return lastTime;
}

function isoTime(value: string): { iso: string; epoch: number } | undefined {
  const normalised = value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const epoch = Date.parse(normalised);
  return Number.isNaN(epoch) ? undefined : { iso: normalised, epoch };
}

/** `10/Oct/2000:13:55:36 -0700` (access logs' %t and $time_local), or an ISO 8601 $time_iso8601. */
function accessTime(value: string): { iso: string; epoch: number } | undefined {
  const m = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d:\d\d:\d\d) ([+-])(\d\d)(\d\d)$/.exec(value);
  if (!m) return /^\d{4}-\d\d-\d\dT/.test(value) ? isoTime(value) : undefined;
  const iso = `${m[3]}-${pad(MONTHS[m[2]] ?? 0)}-${m[1]}T${m[4]}${m[5]}${m[6]}:${m[7]}`;
  const epoch = Date.parse(iso);
  return Number.isNaN(epoch) ? undefined : { iso, epoch };
}
