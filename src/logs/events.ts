/**
 * What `authlint logs` reads out of a log line: one authentication or authorization event.
 * Every field a client controls (user, path, host) is kept as data and never trusted as
 * structure; secrets (passwords in URLs, hashes) are masked before an event is built.
 */

/** The closed set of event kinds (documented in docs/user-guide/logs.md and schemas/logs.schema.json). */
export const EVENT_KINDS = [
  'user-not-found',
  'password-mismatch',
  'no-credentials',
  'wrong-scheme',
  'user-file-missing',
  'user-file-unreadable',
  'hash-unsupported',
  'access-denied',
  'authz-failed',
  'auth-request',
  'pam-failure',
  'ldap-failure',
  'digest-failure',
  'auth-config-error',
  'credentials-rejected',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

/** What each kind means, for reports. */
export const KIND_TEXT: Record<EventKind, string> = {
  'user-not-found': 'the user name is not in the password file',
  'password-mismatch': 'the password does not match the stored hash',
  'no-credentials': 'the request carried no credentials (the browser had not asked yet, or the client sends none)',
  'wrong-scheme': 'the client sent another authentication scheme than the one configured',
  'user-file-missing': 'the password file does not exist',
  'user-file-unreadable': 'the password file cannot be read by the server',
  'hash-unsupported': "the platform's crypt() cannot verify the stored hash",
  'access-denied': 'an allow/deny or Require rule refused the client',
  'authz-failed': 'the user logged in but the authorization rules (Require user/group, file owner) refused them',
  'auth-request': 'the auth_request subrequest answered an unexpected status',
  'pam-failure': 'PAM refused the login',
  'ldap-failure': 'the LDAP server refused the login or the user lookup',
  'digest-failure': 'a Digest login failed (nonce, realm, uri or response)',
  'auth-config-error': 'the auth configuration is incomplete (no AuthName, no provider, no user file)',
  'credentials-rejected': 'credentials were sent and refused (401 in an access log: the cause is in the error log)',
};

/** Kinds that are a failed login attempt by someone who sent credentials: what brute force is made of. */
export const LOGIN_FAILURES: ReadonlySet<EventKind> = new Set(['user-not-found', 'password-mismatch', 'digest-failure', 'pam-failure', 'ldap-failure', 'credentials-rejected', 'authz-failed']);

export type ServerKind = 'nginx' | 'apache';

export interface LogEvent {
  readonly file: string;
  readonly line: number;
  /** ISO 8601; with the offset when the log says it, else local time without an offset. */
  readonly time: string | null;
  /** Milliseconds since the epoch (local time taken as UTC when the log gives no offset), for ordering and windows. */
  readonly epoch: number | null;
  readonly server: ServerKind;
  readonly kind: EventKind;
  readonly client: string | null;
  readonly user: string | null;
  readonly host: string | null;
  readonly method: string | null;
  readonly path: string | null;
  /** The password file the line names (nginx: user not found, open() failed; Apache: AH01620). */
  readonly userFile: string | null;
  /** The status the line implies or records, when known. */
  readonly status: number | null;
  /** The line itself, masked and with control characters escaped, for an example. */
  readonly text: string;
}
