import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from './helpers/fixtures';
import { baseApacheConfig, findApache, RealApache } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';
import { htpasswdHash } from './helpers/tools';
import { makeTree, removeTree } from './helpers/tree';
import { lint } from '../src/lint';

/**
 * What the htpasswd rules claim Apache does with each bad password file, checked against
 * Debian's apache2 on 127.0.0.1: the fixture's password file is served by a minimal Apache
 * config protecting /admin/ with it. And each good file (the fix) logs alice in. Every fixture
 * password is "s3cret-pass".
 */
const apache = findApache();
const run = requireServerOrSkip(apache, 'apache2') ? describe : describe.skip;
const PASSWORD = 's3cret-pass';

const CONFIG = baseApacheConfig()
  .config.replace(/^# .*\n/, '# Written by real-apache-htpasswd.test.ts around a password-file fixture.\n');

interface Expectation {
  /** A user name, or a function of the password file's lines (for names the file defines). */
  readonly user: string | ((lines: string[]) => string);
  readonly password?: string;
  readonly status: number;
  readonly log?: string;
}

const BAD: [string, Expectation[]][] = [
  ['utf8-bom', [{ user: 'alice', status: 401, log: 'AH01618: user alice not found' }, { user: 'bob', status: 200 }]],
  ['empty-file', [{ user: 'alice', status: 401, log: 'AH01618: user alice not found' }]],
  // The line without a colon becomes a user named after the whole line, with an empty hash.
  ['missing-colon', [{ user: 'alice', status: 200 }, { user: (lines) => lines[1], status: 401, log: 'AH01617' }]],
  ['overlong-line-apache', [{ user: 'alice', status: 200 }, { user: 'bob', status: 401, log: 'AH01618: user bob not found' }]],
  ['empty-hash', [{ user: 'alice', status: 200 }, { user: 'bob', status: 401, log: 'AH01617' }, { user: 'bob', password: '', status: 401 }]],
  ['ssha', [{ user: 'alice', status: 401, log: 'AH01617' }]],
];

async function check(fixture: string, expectations: Expectation[]): Promise<void> {
  await checkFile(fixture, fs.readFileSync(fixturePath(fixture, 'etc/nginx/htpasswd')), expectations);
}

/** Serve a password file with Apache and make the logins `expectations` lists. */
async function checkFile(label: string, passwords: Buffer, expectations: Expectation[]): Promise<void> {
  const fixture = label;
  const root = makeTree({ 'etc/apache2/apache2.conf': CONFIG, 'var/www/html/index.html': 'home\n', 'var/www/html/admin/index.html': 'admin page\n' });
  fs.writeFileSync(path.join(root, 'etc/apache2/htpasswd'), passwords);
  const lines = passwords.toString('latin1').split(/\r?\n/);
  const server = await RealApache.prepare(apache as string, root);
  try {
    await server.start();
    for (const want of expectations) {
      const user = typeof want.user === 'function' ? want.user(lines) : want.user;
      const response = await server.request('/admin/', { user, password: want.password ?? PASSWORD });
      expect({ fixture, user: user.slice(0, 20), status: response.status }).toEqual({ fixture, user: user.slice(0, 20), status: want.status });
      if (want.log) expect(response.log.join('\n')).toContain(want.log);
    }
  } finally {
    await server.stop();
    removeTree(root);
  }
}

run('real Apache agrees with the htpasswd rules', () => {
  test.each(BAD)('%s: the bad file behaves as the rule says', async (rule, expectations) => {
    await check(`htpasswd/${rule}/bad`, expectations);
  });

  test.each(BAD.map(([rule]) => rule))('%s: the good file (the fix) logs alice in', async (rule) => {
    await check(`htpasswd/${rule}/good`, [{ user: 'alice', status: 200 }]);
  });

  test('line-endings: a trailing backslash joins the next line — both users get 401; the suggested sed fixes it', async () => {
    const file = Buffer.from(`alice:${htpasswdHash(['-B', '-C', '10'], PASSWORD)}\\\nbob:${htpasswdHash(['-B', '-C', '10'], PASSWORD)}\n`);
    const dir = makeTree({ 'etc/apache2/.htpasswd': '' });
    const target = path.join(dir, 'etc/apache2/.htpasswd');
    fs.writeFileSync(target, file);
    try {
      const finding = lint([target], { root: dir }).findings.find((f) => f.ruleId === 'htpasswd/line-endings');
      expect(finding).toMatchObject({ severity: 'error', line: 1 });
      expect(finding?.message).toContain('user "bob" on the next line does not exist for Apache (401, AH01618)');
      await checkFile('backslash', file, [
        { user: 'alice', status: 401, log: 'AH01617' },
        { user: 'bob', status: 401, log: 'AH01618: user bob not found' },
      ]);
      // The fix, as the finding gives it (its path is the server's: run it on the copy).
      const command = (finding?.fix?.commands[0] ?? '').replace('/etc/apache2/.htpasswd', target);
      execFileSync('sh', ['-c', command]);
      expect(lint([target], { root: dir }).findings.filter((f) => f.ruleId === 'htpasswd/line-endings')).toEqual([]);
      await checkFile('backslash fixed', fs.readFileSync(target), [{ user: 'alice', status: 200 }, { user: 'bob', status: 200 }]);
    } finally {
      removeTree(dir);
    }
  });
});
