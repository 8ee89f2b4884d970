import { outcome, PLATFORMS, type Platform } from './compatibility';
import type { Scheme } from './schemes';
import type { ServerName } from './views';

/** Strong schemes htpasswd can write, best first, with its flags. */
const CANDIDATES: readonly { scheme: Scheme; flags: string }[] = [
  { scheme: { id: 'bcrypt', name: 'bcrypt', variant: 'y', cost: 12 }, flags: '-B -C 12' },
  { scheme: { id: 'sha512crypt', name: 'SHA-512-crypt', rounds: 100000 }, flags: '-5 -r 100000' },
];

/**
 * The htpasswd flags for a fresh, strong hash that every consuming server verifies on this
 * platform (when known) and on every Unix platform — so that no rule (unsupported-scheme,
 * libc-dependent-scheme) has anything to say about the result. Apache verifies bcrypt itself
 * (APR); nginx goes through the system crypt(), where glibc's historic libcrypt lacks bcrypt, so
 * files nginx reads get SHA-512-crypt with 100,000 rounds.
 */
export function freshHashFlags(servers: readonly ServerName[], platform?: Platform): string {
  const platforms = PLATFORMS.filter((p) => p !== 'windows' || p === platform);
  const portable = (scheme: Scheme) => servers.every((server) => platforms.every((p) => outcome(scheme, server, p).kind === 'verifies'));
  return (CANDIDATES.find((candidate) => portable(candidate.scheme)) ?? CANDIDATES[CANDIDATES.length - 1]).flags;
}
