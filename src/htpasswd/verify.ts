import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import type { Scheme } from './schemes';

/*
 * Hash verification with maintained libraries: bcryptjs (bcrypt), apache-md5 ($apr1$ and
 * $1$), apache-crypt (DES), unixcrypt ($5$, $6$), node:crypto ({SHA}, {SSHA}). The schemes no
 * JavaScript package implements (yescrypt, gost-yescrypt, scrypt $7$, BSDi DES, legacy libc
 * formats) are checked with this machine's own crypt(3), through Perl's crypt(), which is
 * what nginx and Apache would call; the password goes through a pipe, never the command line.
 */
interface HashLibraries {
  readonly bcrypt: { compareSync(password: string, hash: string): boolean };
  readonly apacheMd5: (password: string, salt: string) => string;
  readonly apacheCrypt: (password: string, salt: string) => string;
  readonly unixcrypt: { verify(password: string, hash: string): boolean };
  readonly crypto: typeof Crypto;
  /** For the schemes checked with the system's crypt(3) through Perl. */
  readonly childProcess: typeof ChildProcess;
}

let loaded: HashLibraries | undefined;

/**
 * The libraries, loaded when a password is first checked (passwd check, explain with
 * credentials): a lint never checks one, and loading them, node:crypto and node:child_process
 * (which loads node:net and node:dgram) was ~10 ms of every start.
 */
function libraries(): HashLibraries {
  /* eslint-disable @typescript-eslint/no-require-imports */
  loaded ??= {
    bcrypt: require('bcryptjs') as HashLibraries['bcrypt'],
    apacheMd5: require('apache-md5') as HashLibraries['apacheMd5'],
    apacheCrypt: require('apache-crypt') as HashLibraries['apacheCrypt'],
    unixcrypt: require('unixcrypt') as HashLibraries['unixcrypt'],
    crypto: require('node:crypto') as typeof Crypto,
    childProcess: require('node:child_process') as typeof ChildProcess,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loaded;
}

export type Verification =
  | { readonly kind: 'match' }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'unverifiable'; readonly why: string };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && libraries().crypto.timingSafeEqual(x, y);
}

const result = (ok: boolean): Verification => (ok ? { kind: 'match' } : { kind: 'mismatch' });

/** Whether `password` produces `hash` under `scheme` (the algorithm alone; see compatibility.ts for which server runs it). */
export function verifyPassword(password: string, hash: string, scheme: Scheme): Verification {
  if (scheme.malformed) return { kind: 'mismatch' };
  switch (scheme.id) {
    case 'empty':
      return result(password === '');
    case 'bcrypt':
      if (scheme.variant === 'x') return viaSystemCrypt(password, hash);
      return result(libraries().bcrypt.compareSync(password, hash));
    case 'apr1':
    case 'md5crypt':
      return result(same(libraries().apacheMd5(password, hash), hash));
    case 'des':
      return result(same(libraries().apacheCrypt(password, hash.slice(0, 2)), hash));
    case 'sha256crypt':
    case 'sha512crypt':
      return result(libraries().unixcrypt.verify(password, hash));
    case 'sha1':
      return result(same('{SHA}' + libraries().crypto.createHash('sha1').update(password, 'utf8').digest('base64'), hash));
    case 'ssha': {
      const decoded = Buffer.from(hash.slice('{SSHA}'.length), 'base64');
      if (decoded.length <= 20) return { kind: 'mismatch' };
      const digest = libraries().crypto.createHash('sha1').update(Buffer.from(password, 'utf8')).update(decoded.subarray(20)).digest();
      return result(libraries().crypto.timingSafeEqual(digest, decoded.subarray(0, 20)));
    }
    case 'plain':
      return result(same('{PLAIN}' + password, hash));
    case 'plaintext':
      return result(same(password, hash));
    case 'foreign':
      return { kind: 'unverifiable', why: `${scheme.name} is not verified by nginx or Apache, so authlint does not either` };
    default:
      return viaSystemCrypt(password, hash);
  }
}

const PERL_CRYPT = 'my $h = <STDIN>; my $p = <STDIN>; chomp $h; chomp $p; my $r = crypt($p, $h); print !defined($r) || $r =~ /^\\*/ ? "unsupported" : $r eq $h ? "match" : "mismatch";';

function viaSystemCrypt(password: string, hash: string): Verification {
  if (password.includes('\n') || hash.includes('\n')) return { kind: 'mismatch' };
  const run = libraries().childProcess.spawnSync('perl', ['-e', PERL_CRYPT], { input: `${hash}\n${password}\n`, encoding: 'utf8', timeout: 10_000 });
  if (run.error || run.status !== 0) {
    return { kind: 'unverifiable', why: "this scheme needs the system crypt(), reached through perl, which is not available here" };
  }
  const answer = run.stdout.trim();
  if (answer === 'match') return { kind: 'match' };
  if (answer === 'mismatch') return { kind: 'mismatch' };
  return { kind: 'unverifiable', why: "this machine's crypt() does not support the scheme" };
}
