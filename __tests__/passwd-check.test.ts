import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers/cli';
import { requireServerOrSkip } from './helpers/real-nginx';
import { findTool, htpasswdHash, mkpasswdHash } from './helpers/tools';

const PASSWORD = 's3cret-pass';
const tools = requireServerOrSkip(findTool('htpasswd'), 'apache2-utils') && requireServerOrSkip(findTool('mkpasswd'), 'whois');
const withTools = tools ? describe : describe.skip;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-passwd-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

const check = (args: string[], password = PASSWORD) => runCli(['passwd', 'check', ...args], { input: password + '\n' });

withTools('authlint passwd check on real hashes of every scheme', () => {
  const schemes: [string, () => string][] = [
    ['bcrypt', () => htpasswdHash(['-B', '-C', '10'], PASSWORD)],
    ['apr1', () => htpasswdHash(['-m'], PASSWORD)],
    ['sha1', () => htpasswdHash(['-s'], PASSWORD)],
    ['des', () => htpasswdHash(['-d'], PASSWORD)],
    ['sha256', () => htpasswdHash(['-2'], PASSWORD)],
    ['sha512', () => htpasswdHash(['-5'], PASSWORD)],
    ['yescrypt', () => mkpasswdHash('yescrypt', PASSWORD)],
    ['md5crypt', () => mkpasswdHash('md5crypt', PASSWORD)],
  ];

  test.each(schemes)('%s: exit 0 for the right password, 1 for a wrong one; neither password nor hash is printed', (name, make) => {
    const hash = make();
    const target = file(`${name}.htpasswd`, `# test\nalice:${hash}\n`);
    const right = check([target, 'alice', '--server', 'nginx', '--platform', 'libxcrypt']);
    expect({ name, status: right.status, out: right.stdout }).toMatchObject({ status: 0 });
    expect(right.stdout).toMatch(/^MATCH: the password matches line 2/);
    const wrong = check([target, 'alice', '--server', 'nginx', '--platform', 'libxcrypt'], 'x-wrong-password');
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/^NO MATCH: the password does not match .* on line 2/);
    for (const output of [right.stdout + right.stderr, wrong.stdout + wrong.stderr]) {
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain(hash.slice(-12));
    }
  });

  test('DES: a match says that only 8 characters were checked', () => {
    const target = file('des8.htpasswd', `alice:${htpasswdHash(['-d'], PASSWORD)}\n`);
    const result = check([target, 'alice', '--server', 'nginx'], 's3cret-pXXXXX');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('DES crypt checks only the first 8 characters');
  });

  test('a scheme the server cannot verify on the platform: the right password still fails, with the 500', () => {
    const target = file('bcrypt-centos.htpasswd', `alice:${htpasswdHash(['-B'], PASSWORD)}\n`);
    const result = check([target, 'alice', '--server', 'nginx', '--platform', 'glibc-legacy']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('the password is right for this hash, but nginx');
    expect(result.stdout).toContain('500');
    expect(check([target, 'alice', '--server', 'apache', '--platform', 'glibc-legacy']).status).toBe(0);
  });

  test('a BOM or blanks make the user unmatchable, and the output says so', () => {
    const hash = htpasswdHash(['-5'], PASSWORD);
    const bom = file('bom.htpasswd', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`alice:${hash}\n`)]));
    const bomResult = check([bom, 'alice', '--server', 'nginx']);
    expect(bomResult.status).toBe(1);
    expect(bomResult.stdout).toContain('byte order mark');
    const blanks = file('blanks.htpasswd', `  alice:${hash}\nbob:${hash}   \n`);
    expect(check([blanks, 'alice', '--server', 'nginx']).stdout).toContain('blanks around the name');
    expect(check([blanks, 'alice', '--server', 'apache']).status).toBe(0);
    const trailing = check([blanks, 'bob', '--server', 'nginx']);
    expect(trailing.status).toBe(1);
    expect(trailing.stdout).toContain('the password is right, but line 2 has blanks around the hash');
    expect(check([blanks, 'bob', '--server', 'apache']).status).toBe(0);
  });

  test('no such user, case, and a later duplicate that is never read', () => {
    const hash = htpasswdHash(['-5'], PASSWORD);
    const other = htpasswdHash(['-5'], 'old-password');
    const target = file('dupes.htpasswd', `Alice:${hash}\nbob:${other}\nbob:${hash}\n`);
    expect(check([target, 'carol']).stdout).toContain('no user "carol"');
    expect(check([target, 'alice']).stdout).toContain('case-sensitive');
    const dup = check([target, 'bob']);
    expect(dup.status).toBe(1);
    expect(dup.stdout).toContain('it matches line 3, a later duplicate');
  });

  test('--format json', () => {
    const target = file('json.htpasswd', `alice:${htpasswdHash(['-B', '-C', '10'], PASSWORD)}\n`);
    const result = JSON.parse(check([target, 'alice', '--format', 'json', '--server', 'apache']).stdout);
    expect(result).toMatchObject({ matches: true, server: 'apache', user: 'alice', line: 1, scheme: 'bcrypt' });
  });
});

describe('passwd check usage', () => {
  test('exit 2 for an unreadable file or a missing argument, with no stack trace', () => {
    const missing = check([path.join(os.tmpdir(), 'authlint-no-such-file'), 'alice']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
    const usage = runCli(['passwd', 'check']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
