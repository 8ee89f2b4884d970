import type { EventKind } from './events';

/**
 * The auth lines of nginx's and Apache's error logs, in every form they have had, read from the
 * servers' own sources: nginx's ngx_http_auth_basic_module, ngx_http_auth_request_module,
 * ngx_http_access_module and ngx_crypt (os/unix/ngx_user.c), the PAM and LDAP modules' common
 * lines; Apache 2.4's mod_auth_basic, mod_auth_digest, mod_authn_file, mod_authn_core,
 * mod_authz_core, mod_authz_user, mod_authz_groupfile, mod_authz_host, mod_access_compat,
 * mod_authz_owner and mod_authnz_ldap (the AH numbers), and Apache 2.2's unnumbered wording.
 */

/** What one message says: its kind, and the fields it names. */
export interface MessageMatch {
  readonly kind: EventKind;
  readonly user?: string;
  readonly userFile?: string;
  readonly path?: string;
  readonly status?: number;
}

/** Lines worth a closer look: one test on every line before any parsing (the fast path). */
export const NGINX_AUTH_HINT = /user\/password was provided|" was not found in "|": password mismatch|open\(\) "|pread\(\) "|crypt(?:_r)?\(\) failed|access forbidden by rule|auth request unexpected status|PAM: |http_auth_ldap/;

/**
 * nginx messages. A user name is whatever the client sent (quotes, commas, a fake
 * `, client: …` included), so each template is anchored at both ends of the message, and the
 * caller tries the possible ends of the message in turn (see nginx-error-log.ts).
 */
const NGINX: readonly [RegExp, (m: RegExpExecArray) => MessageMatch][] = [
  [/^no user\/password was provided for basic authentication$/, () => ({ kind: 'no-credentials', status: 401 })],
  [/^user "([\s\S]*)" was not found in "([^"]*)"$/, (m) => ({ kind: 'user-not-found', user: m[1], userFile: m[2], status: 401 })],
  [/^user "([\s\S]*)": password mismatch$/, (m) => ({ kind: 'password-mismatch', user: m[1], status: 401 })],
  [/^open\(\) "([^"]*)" failed \(2: [^)]*\)$/, (m) => ({ kind: 'user-file-missing', userFile: m[1], status: 403 })],
  [/^open\(\) "([^"]*)" failed \((?:13|1): [^)]*\)$/, (m) => ({ kind: 'user-file-unreadable', userFile: m[1], status: 500 })],
  // A directory where the file should be: open() works, the read fails.
  [/^pread\(\) "([^"]*)" failed \(21: [^)]*\)$/, (m) => ({ kind: 'user-file-unreadable', userFile: m[1], status: 500 })],
  [/^crypt(?:_r)?\(\) failed(?: \(\d+: [^)]*\))?$/, () => ({ kind: 'hash-unsupported', status: 500 })],
  [/^access forbidden by rule$/, () => ({ kind: 'access-denied', status: 403 })],
  [/^auth request unexpected status: \d+$/, () => ({ kind: 'auth-request', status: 500 })],
  // ngx_http_auth_pam_module
  [/^PAM: user '([\s\S]*)' - (?:not authenticated|invalid account): [\s\S]*$/, (m) => ({ kind: 'pam-failure', user: m[1], status: 401 })],
  // nginx-auth-ldap
  [/^http_auth_ldap: [\s\S]*(?:[Aa]uthentication failed|[Cc]ould not find user|[Ii]nvalid credentials)[\s\S]*$/, () => ({ kind: 'ldap-failure', status: 401 })],
];

export function matchNginxMessage(message: string): MessageMatch | undefined {
  for (const [pattern, build] of NGINX) {
    const m = pattern.exec(message);
    if (m) return build(m);
  }
  return undefined;
}

/** Apache's auth messages, by AH number where 2.4 has one, and by wording for 2.2. */
const APACHE: readonly [RegExp, (m: RegExpExecArray, errno: number | undefined) => MessageMatch][] = [
  [/^(?:AH01614: )?client used wrong authentication scheme: (.*)$/, (m) => ({ kind: 'wrong-scheme', path: m[1], status: 401 })],
  [/^AH01781: client used wrong authentication scheme `[^']*': (.*)$/, (m) => ({ kind: 'wrong-scheme', path: m[1], status: 401 })],
  [/^(?:AH01617: )?user ([\s\S]*): authentication failure for "([\s\S]*)": Password Mismatch$/, (m) => ({ kind: 'password-mismatch', user: m[1], path: m[2], status: 401 })],
  [/^(?:AH01618: )?user ([\s\S]*) not found: (.*)$/, (m) => ({ kind: 'user-not-found', user: m[1], path: m[2], status: 401 })],
  [/^(?:AH0162[02]: )?Could not open password file: (.*)$/, (m, errno) => ({ kind: errno === 2 ? 'user-file-missing' : 'user-file-unreadable', userFile: m[1], status: 500 })],
  [/^(?:AH0161[59]|AH01621|AH01780): /, () => ({ kind: 'auth-config-error', status: 500 })],
  [/^(?:AH01616|AH01770): No Authn provider configured$/, () => ({ kind: 'auth-config-error', status: 500 })],
  [/^(?:AH01796: )?AuthType (\S+) configured without corresponding module$/, () => ({ kind: 'auth-config-error', status: 500 })],
  [/^need AuthName: (.*)$/, (m) => ({ kind: 'auth-config-error', path: m[1], status: 500 })],
  [/^(?:AH0166[48]: )?No group file was specified in the configuration$/, () => ({ kind: 'auth-config-error', status: 401 })],
  [/^(?:AH0166[59]: )?Could not open group file: (.*)$/, () => ({ kind: 'auth-config-error', status: 401 })],
  [/^(?:AH01629: )?authorization failure \(no authenticated user\): (.*)$/, (m) => ({ kind: 'no-credentials', path: m[1], status: 401 })],
  [/^(?:AH01630|AH01797): client denied by server configuration: (?:uri )?(.*)$/, (m) => ({ kind: 'access-denied', path: m[1], status: 403 })],
  [/^client denied by server configuration: (.*)$/, (m) => ({ kind: 'access-denied', path: m[1], status: 403 })],
  [/^(?:AH01631: )?user ([\s\S]*): authorization failure for "([\s\S]*)": ?$/, (m) => ({ kind: 'authz-failed', user: m[1], path: m[2], status: 401 })],
  [/^(?:AH01663: )?access to (.*) failed, reason: user '([\s\S]*)' does not meet 'require'ments/, (m) => ({ kind: 'authz-failed', user: m[2], path: m[1], status: 401 })],
  [/^(?:AH016(?:3[2-9]|4[01]|6[67]|7[01]): )?Authorization of user ([\s\S]*) to access (.*) failed, reason: /, (m) => ({ kind: 'authz-failed', user: m[1], path: m[2], status: 401 })],
  // mod_auth_digest
  [/^(?:AH01790: )?(?:Digest: )?user `([\s\S]*)' in realm `[\s\S]*' not found: (.*)$/, (m) => ({ kind: 'user-not-found', user: m[1], path: m[2], status: 401 })],
  [/^(?:AH0179[24]: )?(?:Digest: )?user ([\s\S]*): password mismatch: (.*)$/, (m) => ({ kind: 'password-mismatch', user: m[1], path: m[2], status: 401 })],
  [/^(?:AH0177[2-9]|AH0178[2-9]|AH01791|AH01793|AH02533): /, () => ({ kind: 'digest-failure', status: 401 })],
  [/^Digest: (?:invalid nonce|user .*: nonce expired|realm mismatch|uri mismatch|invalid qop|unknown algorithm|missing user, realm)/, () => ({ kind: 'digest-failure', status: 401 })],
  // mod_authnz_ldap
  [/^(?:AH0169[45]: )?auth_ldap authenticate: (?:user )?([\s\S]*?) authentication failed; URI (\S*)/, (m) => ({ kind: 'ldap-failure', user: m[1], path: m[2], status: 401 })],
  [/^(?:AH0169[23]|AH10263): auth_ldap authenticate: (?:no|empty) (?:password|user)/, () => ({ kind: 'no-credentials', status: 401 })],
  [/^(?:AH0170[467]): auth_ldap authorize/, () => ({ kind: 'authz-failed', status: 401 })],
];

/** Lines of an Apache error log worth a closer look. */
export const APACHE_AUTH_HINT = /AH01(?:6[1-9]\d|7[0-9]\d)|AH01797|AH01796|AH02533|AH10263|wrong authentication scheme|Password Mismatch| not found: |Could not open (?:password|group) file|client denied by server configuration|authorization failure|does not meet 'require'ments|Authorization of user|need AuthName|Authn provider|Digest: |auth_ldap/;

export function matchApacheMessage(message: string, errno: number | undefined): MessageMatch | undefined {
  for (const [pattern, build] of APACHE) {
    const m = pattern.exec(message);
    if (m) return build(m, errno);
  }
  return undefined;
}
