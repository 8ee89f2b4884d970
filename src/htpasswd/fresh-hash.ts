import { sh } from '../core/shell';
import { outcome, PLATFORMS, type Platform } from './compatibility';
import type { Scheme } from './schemes';
import type { ServerName } from './views';

/** Strong schemes, best first, with the command that writes them. */
const CANDIDATES: readonly { scheme: Scheme; id: 'bcrypt' | 'sha512crypt' }[] = [
  { scheme: { id: 'bcrypt', name: 'bcrypt', variant: 'y', cost: 12 }, id: 'bcrypt' },
  { scheme: { id: 'sha512crypt', name: 'SHA-512-crypt', rounds: 5000 }, id: 'sha512crypt' },
];

/**
 * The scheme for a fresh, strong hash that every consuming server verifies on the server's
 * platform (when known) and on every Unix platform — so that no rule (unsupported-scheme,
 * libc-dependent-scheme, bcrypt-low-cost) has anything to say about the result, even after the
 * file is copied to another machine. Apache verifies bcrypt itself (APR); nginx goes through the
 * system crypt(), where glibc's historic libcrypt lacks bcrypt, so files nginx reads get
 * SHA-512-crypt.
 */
export function freshScheme(servers: readonly ServerName[], platform?: Platform): 'bcrypt' | 'sha512crypt' {
  const platforms = PLATFORMS.filter((p) => p !== 'windows' || p === platform);
  const verifies = (scheme: Scheme) => servers.every((server) => platforms.every((p) => outcome(scheme, server, p).kind === 'verifies'));
  return (CANDIDATES.find((candidate) => verifies(candidate.scheme)) ?? CANDIDATES[CANDIDATES.length - 1]).id;
}

/**
 * The command that stores a fresh hash for `user` in `file` (`create`: a new file; `add`: a user
 * not in it; `set`: replace the user's entry). bcrypt:
 * `htpasswd -B -C 12`, in every httpd 2.4. SHA-512-crypt: htpasswd writes it only since httpd
 * 2.4.59 (`-5`; Ubuntu 24.04 ships 2.4.58), so the hash comes from `openssl passwd -6` (OpenSSL
 * ≥ 1.1.1: every supported distribution), which prompts for the password as htpasswd does.
 * Values are shell-quoted: the command is safe to paste.
 */
export function freshHashCommand(servers: readonly ServerName[], platform: Platform | undefined, file: string, user: string, mode: 'create' | 'add' | 'set'): string {
  if (freshScheme(servers, platform) === 'bcrypt') return `htpasswd ${mode === 'create' ? '-c ' : ''}-B -C 12 ${sh`${file} ${user}`}`;
  // tee, not a shell redirection: the only redirection in a printed command is to /dev/null.
  const append = `printf '%s:%s\\n' ${sh`${user}`} "$(openssl passwd -6)" | tee ${mode === 'create' ? '' : '-a '}${sh`${file}`} >/dev/null`;
  // 'set' replaces the user's entry: htpasswd -D removes it (every copy) first.
  return mode === 'set' ? `htpasswd -D ${sh`${file} ${user}`}; ${append}` : append;
}
