import type { Scheme, SchemeId } from './schemes';
import type { ServerName } from './views';

/**
 * The C library that verifies what a server does not verify itself:
 * - `libxcrypt`: Debian ≥ 11, Ubuntu ≥ 20.04, Fedora, RHEL ≥ 8 — every modern scheme; an
 *   unknown one yields a failure token, so a mismatch (401);
 * - `glibc-legacy`: glibc's own libcrypt (CentOS 7, Debian ≤ 10, Ubuntu ≤ 18.04) — DES, $1$,
 *   $5$, $6$ only; anything else makes crypt_r() return NULL, which nginx turns into a 500;
 * - `musl`: Alpine — DES, $1$, $2a$/$2b$/$2y$, $5$, $6$;
 * - `windows`: Apache on Windows has no crypt(): unknown hashes are compared as plaintext.
 */
export type Platform = 'libxcrypt' | 'glibc-legacy' | 'musl' | 'windows';
export const PLATFORMS: readonly Platform[] = ['libxcrypt', 'glibc-legacy', 'musl', 'windows'];

export type Outcome =
  | { readonly kind: 'verifies'; readonly by: string }
  | { readonly kind: 'mismatch'; readonly why: string }
  | { readonly kind: 'error-500'; readonly why: string };

const LIBC_SUPPORT: Record<Exclude<Platform, 'windows'>, ReadonlySet<SchemeId>> = {
  libxcrypt: new Set<SchemeId>(['bcrypt', 'md5crypt', 'sha256crypt', 'sha512crypt', 'yescrypt', 'gost-yescrypt', 'scrypt', 'des', 'bsdi-des', 'legacy-libc']),
  'glibc-legacy': new Set<SchemeId>(['md5crypt', 'sha256crypt', 'sha512crypt', 'des']),
  musl: new Set<SchemeId>(['bcrypt', 'md5crypt', 'sha256crypt', 'sha512crypt', 'des']),
};

const PLATFORM_NAME: Record<Platform, string> = {
  libxcrypt: 'libxcrypt (Debian ≥ 11, Ubuntu ≥ 20.04, Fedora, RHEL ≥ 8)',
  'glibc-legacy': "glibc's historic libcrypt (CentOS 7, Debian ≤ 10, Ubuntu ≤ 18.04)",
  musl: 'musl (Alpine)',
  windows: 'Windows',
};

export function platformName(platform: Platform): string {
  return PLATFORM_NAME[platform];
}

function libc(scheme: Scheme, platform: Platform, server: ServerName): Outcome {
  if (platform === 'windows') {
    return scheme.id === 'plaintext'
      ? { kind: 'verifies', by: 'a plain string comparison (Windows has no crypt())' }
      : { kind: 'mismatch', why: 'Apache on Windows has no crypt(): the hash is compared as plaintext and never matches' };
  }
  if (scheme.id === 'bcrypt' && scheme.variant === 'x' && platform !== 'libxcrypt') {
    return failure(platform, server, `${scheme.name} $2x$ is a legacy variant only libxcrypt still verifies`);
  }
  if (LIBC_SUPPORT[platform].has(scheme.id)) return { kind: 'verifies', by: `the system crypt() (${PLATFORM_NAME[platform]})` };
  return failure(platform, server, `the system crypt() of ${PLATFORM_NAME[platform]} does not know ${scheme.name}`);
}

function failure(platform: Platform, server: ServerName, why: string): Outcome {
  // glibc's crypt_r returns NULL for an unknown scheme; nginx logs "crypt_r() failed" and answers 500.
  if (platform === 'glibc-legacy' && server === 'nginx') return { kind: 'error-500', why };
  return { kind: 'mismatch', why };
}

/**
 * What happens when `server` on `platform` checks a password against a hash of this scheme.
 * nginx verifies $apr1$, {PLAIN}, {SHA} and {SSHA} itself (ngx_crypt) and hands everything
 * else to crypt_r(); Apache (apr_password_validate) verifies $2a$/$2y$, $apr1$ and {SHA}
 * itself and hands the rest to crypt_r() (on Windows: a plain comparison).
 */
export function outcome(scheme: Scheme, server: ServerName, platform: Platform): Outcome {
  if (scheme.malformed) return { kind: 'mismatch', why: `the hash is malformed (${scheme.malformed}), so no password matches it` };
  if (scheme.id === 'empty') {
    if (server === 'apache' && platform === 'windows') return { kind: 'verifies', by: 'a plain comparison: an empty password logs in' };
    return { kind: 'mismatch', why: 'an empty hash matches no password' };
  }
  if (scheme.id === 'foreign') return { kind: 'mismatch', why: `neither nginx nor Apache verifies ${scheme.name}` };
  if (server === 'nginx') {
    if (scheme.id === 'apr1' || scheme.id === 'plain' || scheme.id === 'sha1' || scheme.id === 'ssha') return { kind: 'verifies', by: 'nginx itself' };
    if (scheme.id === 'plaintext') {
      return platform === 'glibc-legacy'
        ? { kind: 'error-500', why: 'nginx hands a plaintext "hash" to crypt_r(), which fails on it (nginx on Linux never compares plaintext)' }
        : { kind: 'mismatch', why: 'nginx hands a plaintext "hash" to crypt(), which never reproduces it: only {PLAIN}secret is compared as plaintext' };
    }
    return libc(scheme, platform, server);
  }
  if (scheme.id === 'apr1' || scheme.id === 'sha1' || (scheme.id === 'bcrypt' && (scheme.variant === 'a' || scheme.variant === 'y'))) {
    return { kind: 'verifies', by: 'Apache (apr-util) itself' };
  }
  if (scheme.id === 'plain' || scheme.id === 'ssha') {
    if (platform === 'windows') return { kind: 'mismatch', why: `Apache does not know ${scheme.name}` };
    return { kind: 'mismatch', why: `Apache does not know ${scheme.name} (nginx does): AH01617 "password Mismatch"` };
  }
  if (scheme.id === 'plaintext') {
    return platform === 'windows'
      ? { kind: 'verifies', by: 'a plain string comparison (Apache on Windows)' }
      : { kind: 'mismatch', why: 'Apache on Linux hands a plaintext "hash" to crypt(), which never reproduces it' };
  }
  return libc(scheme, platform, server);
}
