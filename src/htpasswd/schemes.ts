/**
 * Hash schemes found in password files, recognised by their shape (catalog §4). Order
 * matters: a 13-character DES hash and a 13-character plaintext cannot be told apart, and
 * both are reported as weak.
 */
export type SchemeId =
  | 'bcrypt'
  | 'apr1'
  | 'md5crypt'
  | 'sha256crypt'
  | 'sha512crypt'
  | 'yescrypt'
  | 'gost-yescrypt'
  | 'scrypt'
  | 'sha1'
  | 'ssha'
  | 'plain'
  | 'bsdi-des'
  | 'des'
  | 'legacy-libc'
  | 'foreign'
  | 'empty'
  | 'plaintext';

export interface Scheme {
  readonly id: SchemeId;
  /** Human name for messages. */
  readonly name: string;
  /** bcrypt: the variant letter (a, b, x, y). */
  readonly variant?: string;
  /** bcrypt: the cost (log2 of the rounds). */
  readonly cost?: number;
  /** sha-crypt: rounds (5000 when not given). */
  readonly rounds?: number;
  /** The hash starts like this scheme but its length or alphabet is wrong: no password can match. */
  readonly malformed?: string;
}

const B64 = '[./0-9A-Za-z]';

interface Shape {
  readonly id: SchemeId;
  readonly name: string;
  /** Recognises the scheme by prefix. */
  readonly prefix: RegExp;
  /** The complete valid shape. */
  readonly full: RegExp;
  readonly describe: string;
}

const SHAPES: readonly Shape[] = [
  { id: 'bcrypt', name: 'bcrypt', prefix: /^\$2[abxy]?\$/, full: new RegExp(`^\\$2[abxy]\\$\\d{2}\\$${B64}{53}$`), describe: '$2y$NN$ and 53 characters' },
  { id: 'apr1', name: 'Apache MD5 ($apr1$)', prefix: /^\$apr1\$/, full: new RegExp(`^\\$apr1\\$[^$]{0,8}\\$${B64}{22}$`), describe: '$apr1$, a salt of up to 8 characters, $ and 22 characters' },
  { id: 'md5crypt', name: 'MD5-crypt ($1$)', prefix: /^\$1\$/, full: new RegExp(`^\\$1\\$[^$]{0,8}\\$${B64}{22}$`), describe: '$1$, a salt of up to 8 characters, $ and 22 characters' },
  { id: 'sha256crypt', name: 'SHA-256-crypt ($5$)', prefix: /^\$5\$/, full: new RegExp(`^\\$5\\$(rounds=\\d+\\$)?[^$]{0,16}\\$${B64}{43}$`), describe: '$5$, optional rounds=N$, a salt, $ and 43 characters' },
  { id: 'sha512crypt', name: 'SHA-512-crypt ($6$)', prefix: /^\$6\$/, full: new RegExp(`^\\$6\\$(rounds=\\d+\\$)?[^$]{0,16}\\$${B64}{86}$`), describe: '$6$, optional rounds=N$, a salt, $ and 86 characters' },
  { id: 'yescrypt', name: 'yescrypt ($y$)', prefix: /^\$y\$/, full: new RegExp(`^\\$y\\$${B64}+\\$${B64}*\\$${B64}{43}$`), describe: '$y$, parameters, $, a salt, $ and 43 characters' },
  { id: 'gost-yescrypt', name: 'gost-yescrypt ($gy$)', prefix: /^\$gy\$/, full: new RegExp(`^\\$gy\\$${B64}+\\$${B64}*\\$${B64}{43}$`), describe: '$gy$ …' },
  { id: 'scrypt', name: 'scrypt ($7$)', prefix: /^\$7\$/, full: new RegExp(`^\\$7\\$${B64}{30,}\\$${B64}{43}$`), describe: '$7$ …' },
  { id: 'sha1', name: 'unsalted SHA-1 ({SHA})', prefix: /^\{SHA\}/, full: /^\{SHA\}[A-Za-z0-9+/]{27}=$/, describe: '{SHA} and 28 base64 characters' },
  { id: 'ssha', name: 'salted SHA-1 ({SSHA})', prefix: /^\{SSHA\}/, full: /^\{SSHA\}[A-Za-z0-9+/]{28,}={0,2}$/, describe: '{SSHA} and base64 of at least 21 bytes' },
  { id: 'plain', name: '{PLAIN} plaintext', prefix: /^\{PLAIN\}/, full: /^\{PLAIN\}/, describe: '{PLAIN}…' },
  { id: 'bsdi-des', name: 'BSDi extended DES', prefix: /^_/, full: new RegExp(`^_${B64}{19}$`), describe: '_ and 19 characters' },
];

const FOREIGN = /^(\$argon2(id|i|d)\$|\$pbkdf2|\$scrypt\$|\{(CRYPT|MD5|SMD5|SHA256|SSHA256|SHA384|SSHA384|SHA512|SSHA512|BCRYPT|ARGON2)\})/i;
const LEGACY_LIBC = /^(\$sha1\$|\$md5[$,]|\$3\$)/;
const DES = new RegExp(`^${B64}{13}$`);

export function detectScheme(hash: string): Scheme {
  if (hash === '') return EMPTY;
  for (const shape of SHAPES) {
    if (!shape.prefix.test(hash)) continue;
    if (!shape.full.test(hash)) return interned(`${shape.id} malformed`, () => ({ id: shape.id, name: shape.name, malformed: `expected ${shape.describe}` }));
    if (shape.id === 'bcrypt') return interned(`bcrypt ${hash[2]} ${hash.slice(4, 6)}`, () => ({ id: shape.id, name: shape.name, variant: hash[2], cost: Number(hash.slice(4, 6)) }));
    if (shape.id === 'sha256crypt' || shape.id === 'sha512crypt') {
      const rounds = /^\$[56]\$rounds=(\d+)\$/.exec(hash);
      const count = rounds ? Number(rounds[1]) : 5000;
      return interned(`${shape.id} ${count}`, () => ({ id: shape.id, name: shape.name, rounds: count }));
    }
    return interned(shape.id, () => ({ id: shape.id, name: shape.name }));
  }
  if (FOREIGN.test(hash)) {
    const name = `${/^(\$[a-z0-9-]+|\{[A-Z0-9]+\})/i.exec(hash)?.[0] ?? 'foreign'} (a format neither nginx nor Apache verifies)`;
    return interned(`foreign ${name}`, () => ({ id: 'foreign', name }));
  }
  if (LEGACY_LIBC.test(hash)) {
    const name = `${/^\$[a-z0-9]+/.exec(hash)?.[0]} (a legacy libc-only format)`;
    return interned(`legacy-libc ${name}`, () => ({ id: 'legacy-libc', name }));
  }
  if (DES.test(hash)) return DES_SCHEME;
  return PLAINTEXT;
}

const EMPTY: Scheme = { id: 'empty', name: 'empty hash' };
const DES_SCHEME: Scheme = { id: 'des', name: 'DES crypt' };
const PLAINTEXT: Scheme = { id: 'plaintext', name: 'plaintext (no hash scheme)' };

/**
 * Equal schemes are one object (a scheme says nothing about its hash), so that rules can decide
 * once per scheme rather than once per line of a million-line file. Bounded: names made from a
 * hash's prefix (foreign formats) could otherwise grow it without end.
 */
const INTERNED = new Map<string, Scheme>();
function interned(key: string, make: () => Scheme): Scheme {
  let scheme = INTERNED.get(key);
  if (!scheme) {
    scheme = make();
    if (INTERNED.size < 10_000) INTERNED.set(key, scheme);
  }
  return scheme;
}

/**
 * Show at most a short prefix of a hash: enough to recognise the scheme, never enough to
 * attack it. Plaintext is never shown at all.
 */
export function redact(hash: string, scheme: Scheme = detectScheme(hash)): string {
  if (scheme.id === 'plaintext' || scheme.id === 'plain' || scheme.id === 'empty') return '…';
  const prefix = /^(\$[^$]*\$(\d{2}\$|rounds=\d+\$)?|\{[A-Z0-9]+\}|_)/.exec(hash)?.[0] ?? '';
  return `${prefix}…`;
}
