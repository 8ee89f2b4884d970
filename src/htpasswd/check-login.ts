import { outcome, platformName, type Platform } from './compatibility';
import type { PlatformChoice } from './platform';
import { detectScheme } from './schemes';
import { verifyPassword } from './verify';
import { findUser, viewFor, type Entry, type ServerName, type ServerView } from './views';
import { parseHtpasswd, type HtpasswdDocument } from '../parsers/htpasswd/parser';

export interface PasswdCheckInput {
  /** The password file's bytes (read by the caller: the CLI from its argument, explain through the rooted resolver). */
  readonly bytes: Buffer;
  readonly user: string;
  readonly password: string;
  readonly server: ServerName;
  readonly platform: PlatformChoice;
}

/** The verdict, and why. Never contains the password or a hash. */
export interface PasswdCheckResult {
  readonly matches: boolean;
  /** Set when the answer could not be decided (exit 2). */
  readonly undecided?: boolean;
  readonly server: ServerName;
  readonly platform: Platform;
  readonly user: string;
  /** The line whose entry the server uses for this user. */
  readonly line?: number;
  readonly scheme?: string;
  readonly reason: string;
  readonly notes: string[];
  /** What the server answers when the login fails: 401, or 500 when it cannot verify the hash (crypt_r() failed). */
  readonly serverStatus?: 401 | 500;
}

const serverName = (server: ServerName): string => (server === 'nginx' ? 'nginx' : 'Apache');

/**
 * Check a password the way the server would: find the user's entry with the server's own
 * reading of the file, then verify the hash — and when it fails, say why.
 */
export function passwdCheck(input: PasswdCheckInput): PasswdCheckResult {
  const doc = parseHtpasswd(input.bytes);
  const view = viewFor(input.server, doc);
  const base = { server: input.server, platform: input.platform.platform, user: input.user, notes: [] as string[] };
  const entry = findUser(view, input.user);
  if (!entry) return { ...base, matches: false, reason: whyNotFound(doc, view, input) };

  const scheme = detectScheme(entry.hash);
  const result = { ...base, line: entry.line.number, scheme: scheme.name };
  const verdict = outcome(scheme, input.server, input.platform.platform);
  const trimmedHash = entry.hash.trim();
  if (trimmedHash !== entry.hash && verifyPassword(input.password, trimmedHash, detectScheme(trimmedHash)).kind === 'match') {
    return { ...result, matches: false, reason: `the password is right, but line ${entry.line.number} has blanks around the hash, which ${serverName(input.server)} keeps: it compares against the wrong hash and answers 401 ("password mismatch")` };
  }
  const check = verifyPassword(input.password, entry.hash, scheme);
  if (check.kind === 'unverifiable') {
    return { ...result, matches: false, undecided: true, reason: `cannot tell: ${check.why}` };
  }
  if (verdict.kind !== 'verifies') {
    const status = verdict.kind === 'error-500' ? '500 ("crypt_r() failed")' : '401 ("password mismatch")';
    const right = check.kind === 'match' ? 'the password is right for this hash, but ' : 'the password does not match, and in any case ';
    return { ...result, matches: false, serverStatus: verdict.kind === 'error-500' ? 500 : 401, reason: `${right}${serverName(input.server)} on ${platformName(input.platform.platform)} cannot verify ${scheme.name} (line ${entry.line.number}): ${verdict.why}; the server answers ${status}` };
  }
  if (check.kind === 'mismatch') {
    const later = laterMatch(view, entry, input.password);
    const reason = later
      ? `the password does not match line ${entry.line.number}, the entry ${serverName(input.server)} uses; it matches line ${later.line.number}, a later duplicate of the same user that is never read`
      : `the password does not match the ${scheme.name} hash on line ${entry.line.number} (the server answers 401, "password mismatch")`;
    return { ...result, matches: false, reason };
  }
  const notes: string[] = [];
  if (scheme.id === 'des' && Buffer.byteLength(input.password) > 8) notes.push('DES crypt checks only the first 8 characters: any password that starts with the same 8 characters is accepted too');
  if (scheme.id === 'bcrypt' && Buffer.byteLength(input.password) > 72) notes.push('bcrypt ignores everything after the first 72 bytes of a password');
  return { ...result, matches: true, reason: `the password matches line ${entry.line.number} (${scheme.name}, verified by ${verdict.by})`, notes };
}

function laterMatch(view: ServerView, first: Entry, password: string): Entry | undefined {
  return view.entries.find((entry) => entry !== first && entry.user === first.user && verifyPassword(password, entry.hash, detectScheme(entry.hash)).kind === 'match');
}

function whyNotFound(doc: HtpasswdDocument, view: ServerView, input: PasswdCheckInput): string {
  const server = serverName(input.server);
  const user = input.user;
  for (const entry of view.entries) {
    if (entry.user === '\uFEFF' + user) return `user "${user}" is on line ${entry.line.number}, but the file starts with a UTF-8 byte order mark that ${server} reads as part of the name: it never matches (remove it: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE)`;
    if (entry.user !== user && entry.user.trim() === user) return `user "${user}" is on line ${entry.line.number}, but with blanks around the name, which ${server} keeps: it never matches`;
    if (entry.user.toLowerCase() === user.toLowerCase()) return `no user "${user}"; line ${entry.line.number} has "${entry.user}" — user names are case-sensitive`;
  }
  for (const skipped of view.skipped) {
    const text = skipped.line.text;
    if (!text.trim().startsWith(user)) continue;
    if (skipped.reason === 'no-colon') return `line ${skipped.line.number} starts with "${user}" but has no ":" before a hash: ${server} cannot use it`;
    if (skipped.reason === 'unreachable-cr') return `user "${user}" is on line ${skipped.line.number}, but the file uses CR-only line ends and nginx only reads the first line`;
    if (skipped.reason === 'after-too-long') return `user "${user}" is on line ${skipped.line.number}, below a line longer than Apache's 8 KiB buffer, where Apache stops reading`;
    if (skipped.reason === 'continued') return `user "${user}" is on line ${skipped.line.number}, which Apache joins to the line above (it ends with a backslash)`;
  }
  const count = view.entries.length;
  return `no user "${user}" in the file as ${server} reads it (${count} user${count === 1 ? '' : 's'}${doc.utf16 ? '; the file is UTF-16, which no server reads' : ''}): the server logs user "${user}" was not found and answers 401`;
}
