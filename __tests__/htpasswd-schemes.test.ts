import { outcome } from '../src/htpasswd/compatibility';
import { detectScheme, redact } from '../src/htpasswd/schemes';
import { verifyPassword } from '../src/htpasswd/verify';
import { requireServerOrSkip } from './helpers/real-nginx';
import { findTool, htpasswdHash, mkpasswdHash } from './helpers/tools';

const PASSWORD = 's3cret-pass';
const tools = requireServerOrSkip(findTool('htpasswd'), 'apache2-utils') && requireServerOrSkip(findTool('mkpasswd'), 'whois');
const withTools = tools ? describe : describe.skip;

/** Every scheme Debian's htpasswd offers and mkpasswd adds, made by the real tools. */
const REAL: [string, () => string, string][] = [
  ['htpasswd -B (bcrypt, default cost 5)', () => htpasswdHash(['-B'], PASSWORD), 'bcrypt'],
  ['htpasswd -B -C 12', () => htpasswdHash(['-B', '-C', '12'], PASSWORD), 'bcrypt'],
  ['htpasswd -m ($apr1$)', () => htpasswdHash(['-m'], PASSWORD), 'apr1'],
  ['htpasswd -s ({SHA})', () => htpasswdHash(['-s'], PASSWORD), 'sha1'],
  ['htpasswd -d (DES)', () => htpasswdHash(['-d'], PASSWORD), 'des'],
  ['htpasswd -2 ($5$)', () => htpasswdHash(['-2'], PASSWORD), 'sha256crypt'],
  ['htpasswd -5 -r 100000 ($6$)', () => htpasswdHash(['-5', '-r', '100000'], PASSWORD), 'sha512crypt'],
  ['htpasswd -p (plaintext)', () => htpasswdHash(['-p'], PASSWORD), 'plaintext'],
  ['mkpasswd -m sha256crypt', () => mkpasswdHash('sha256crypt', PASSWORD), 'sha256crypt'],
  ['mkpasswd -m sha512crypt', () => mkpasswdHash('sha512crypt', PASSWORD), 'sha512crypt'],
  ['mkpasswd -m yescrypt', () => mkpasswdHash('yescrypt', PASSWORD), 'yescrypt'],
  ['mkpasswd -m md5crypt', () => mkpasswdHash('md5crypt', PASSWORD), 'md5crypt'],
  ['mkpasswd -m bcrypt ($2b$)', () => mkpasswdHash('bcrypt', PASSWORD), 'bcrypt'],
];

withTools('hashes made by the real tools', () => {
  test.each(REAL)('%s: detected, the password verifies, a wrong one does not', (_name, make, scheme) => {
    const hash = make();
    const detected = detectScheme(hash);
    expect(detected.id).toBe(scheme);
    expect(detected.malformed).toBeUndefined();
    expect(verifyPassword(PASSWORD, hash, detected)).toEqual({ kind: 'match' });
    expect(verifyPassword('S3cret-pass', hash, detected)).toEqual({ kind: 'mismatch' });
    expect(redact(hash)).not.toContain(hash.slice(-10));
  });

  test('DES checks only 8 characters, as the servers do', () => {
    const hash = htpasswdHash(['-d'], PASSWORD);
    expect(verifyPassword('s3cret-pXXXXX', hash, detectScheme(hash))).toEqual({ kind: 'match' });
  });

  test('a truncated hash is malformed and matches nothing', () => {
    const hash = htpasswdHash(['-B', '-C', '5'], PASSWORD).slice(0, 40);
    const detected = detectScheme(hash);
    expect(detected.malformed).toBeDefined();
    expect(verifyPassword(PASSWORD, hash, detected)).toEqual({ kind: 'mismatch' });
  });
});

describe('scheme detection by shape', () => {
  test.each([
    ['', 'empty'],
    ['{PLAIN}secret', 'plain'],
    ['{SSHA}' + Buffer.alloc(28, 1).toString('base64'), 'ssha'],
    ['$argon2id$v=19$m=65536,t=3,p=4$abc$def', 'foreign'],
    ['$pbkdf2-sha256$29000$abc$def', 'foreign'],
    ['{SSHA512}abc', 'foreign'],
    ['$sha1$19703$abc$def', 'legacy-libc'],
    ['_J9..rasm1xQbV9mIxWs', 'bsdi-des'],
    ['s3cret-pass', 'plaintext'],
  ])('%j is %s', (hash, id) => {
    expect(detectScheme(hash).id).toBe(id);
  });

  test('bcrypt cost and variant', () => {
    expect(detectScheme('$2y$05$' + 'a'.repeat(53))).toMatchObject({ id: 'bcrypt', variant: 'y', cost: 5 });
    expect(detectScheme('$2b$12$' + 'a'.repeat(53))).toMatchObject({ variant: 'b', cost: 12 });
  });

  test('redaction never shows more than the scheme prefix, and nothing of plaintext', () => {
    expect(redact('$2y$05$' + 'a'.repeat(53))).toBe('$2y$05$…');
    expect(redact('$6$rounds=5000$salt$' + 'a'.repeat(86))).toBe('$6$rounds=5000$…');
    expect(redact('{SHA}' + 'a'.repeat(27) + '=')).toBe('{SHA}…');
    expect(redact('hunter2')).toBe('…');
  });
});

describe('who verifies what (catalog §1.3)', () => {
  const bcrypt = detectScheme('$2y$12$' + 'a'.repeat(53));
  const bcrypt2b = detectScheme('$2b$12$' + 'a'.repeat(53));
  const yescrypt = detectScheme('$y$j9T$abcdefgh$' + 'a'.repeat(43));
  const plain = detectScheme('{PLAIN}x');
  const ssha = detectScheme('{SSHA}' + Buffer.alloc(28, 1).toString('base64'));
  const plaintext = detectScheme('secret');
  const kind = (scheme: ReturnType<typeof detectScheme>, server: 'nginx' | 'apache', platform: Parameters<typeof outcome>[2]) => outcome(scheme, server, platform).kind;

  test('bcrypt: nginx needs libc support (500 on glibc-legacy), Apache has $2y$ built in', () => {
    expect(kind(bcrypt, 'nginx', 'libxcrypt')).toBe('verifies');
    expect(kind(bcrypt, 'nginx', 'musl')).toBe('verifies');
    expect(kind(bcrypt, 'nginx', 'glibc-legacy')).toBe('error-500');
    expect(kind(bcrypt, 'apache', 'glibc-legacy')).toBe('verifies');
    expect(kind(bcrypt2b, 'apache', 'glibc-legacy')).toBe('mismatch');
    expect(kind(bcrypt2b, 'apache', 'windows')).toBe('mismatch');
  });

  test('yescrypt only with libxcrypt', () => {
    expect(kind(yescrypt, 'nginx', 'libxcrypt')).toBe('verifies');
    expect(kind(yescrypt, 'nginx', 'glibc-legacy')).toBe('error-500');
    expect(kind(yescrypt, 'nginx', 'musl')).toBe('mismatch');
    expect(kind(yescrypt, 'apache', 'libxcrypt')).toBe('verifies');
  });

  test('{PLAIN} and {SSHA}: nginx only', () => {
    expect(kind(plain, 'nginx', 'libxcrypt')).toBe('verifies');
    expect(kind(plain, 'apache', 'libxcrypt')).toBe('mismatch');
    expect(kind(ssha, 'nginx', 'glibc-legacy')).toBe('verifies');
    expect(kind(ssha, 'apache', 'libxcrypt')).toBe('mismatch');
  });

  test('plaintext: only Apache on Windows', () => {
    expect(kind(plaintext, 'nginx', 'libxcrypt')).toBe('mismatch');
    expect(kind(plaintext, 'apache', 'libxcrypt')).toBe('mismatch');
    expect(kind(plaintext, 'apache', 'windows')).toBe('verifies');
  });
});
