import * as path from 'node:path';
import { FIXTURES } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * What the htpasswd rules claim nginx does with each bad password file, checked against
 * Debian's nginx (libxcrypt) on 127.0.0.1; and that each good file (the fix) logs in.
 * Every fixture password is "s3cret-pass".
 */
const nginx = findNginx();
const run = requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip;
const PASSWORD = 's3cret-pass';

interface Expectation {
  user: string;
  password?: string;
  status: number;
  log?: string;
}

const BAD: [string, Expectation[]][] = [
  ['utf8-bom', [{ user: 'alice', status: 401, log: 'user "alice" was not found' }, { user: 'bob', status: 200 }]],
  ['empty-file', [{ user: 'alice', status: 401, log: 'user "alice" was not found' }]],
  ['line-endings', [{ user: 'alice', status: 200 }, { user: 'bob', status: 200 }]],
  ['htdigest-file-used-for-basic', [{ user: 'alice', status: 401, log: 'user "alice": password mismatch' }]],
  ['whitespace-in-entry', [
    { user: 'alice', status: 401, log: 'user "alice" was not found' },
    { user: 'bob', status: 401, log: 'user "bob": password mismatch' },
    { user: 'carol', status: 401, log: 'user "carol" was not found' },
  ]],
  ['plaintext-password', [{ user: 'alice', status: 401, log: 'user "alice": password mismatch' }]],
  ['empty-hash', [{ user: 'bob', status: 401, log: 'user "bob": password mismatch' }, { user: 'bob', password: '', status: 401 }]],
  ['malformed-hash', [{ user: 'alice', status: 401, log: 'user "alice": password mismatch' }]],
  // Weak but working on nginx: the rules say so, and so does nginx.
  ['plain-scheme', [{ user: 'alice', status: 200 }]],
  ['unsalted-sha1', [{ user: 'alice', status: 200 }]],
  ['ssha', [{ user: 'alice', status: 200 }]],
  ['md5-based', [{ user: 'alice', status: 200 }, { user: 'bob', status: 200 }]],
  ['bcrypt-low-cost', [{ user: 'alice', status: 200 }]],
  ['libc-dependent-scheme', [{ user: 'alice', status: 200 }]],
  ['des-crypt', [{ user: 'alice', status: 200 }, { user: 'alice', password: 's3cret-pXXXXX', status: 200 }]],
  ['duplicate-user', [{ user: 'alice', status: 200 }]],
  ['file-not-readable-by-worker', [{ user: 'alice', status: 500, log: 'failed (13: Permission denied)' }, { user: '', status: 401 }]],
  ['file-permissions-too-open', [{ user: 'alice', status: 200 }]],
  ['file-wrong-owner', [{ user: 'alice', status: 200 }]],
];

async function check(fixture: string, expectations: Expectation[]): Promise<void> {
  const server = await RealNginx.prepare(nginx as string, path.join(FIXTURES, fixture));
  try {
    await server.start();
    for (const want of expectations) {
      const response = await server.request('/admin/', want.user ? { user: want.user, password: want.password ?? PASSWORD } : {});
      expect({ fixture, user: want.user, status: response.status }).toEqual({ fixture, user: want.user, status: want.status });
      if (want.log) expect(response.log.join('\n')).toContain(want.log);
    }
  } finally {
    await server.stop();
  }
}

run('real nginx agrees with the htpasswd rules', () => {
  test.each(BAD)('%s: the bad file behaves as the rule says', async (rule, expectations) => {
    await check(`htpasswd/${rule}/bad`, expectations);
  });

  test.each(BAD.map(([rule]) => rule).filter((rule) => rule !== 'overlong-line-apache'))('%s: the good file (the fix) logs alice in', async (rule) => {
    await check(`htpasswd/${rule}/good`, [{ user: 'alice', status: 200 }]);
  });
});
