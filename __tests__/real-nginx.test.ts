import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseNginx } from '../src/parsers/nginx/parser';
import { lintFixture, fixturePath } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * What the nginx rules claim, checked against Debian's real nginx on 127.0.0.1. Skipped
 * (loudly) where nginx is not installed; under CI=true it must run.
 */
const nginx = findNginx();
const run = requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip;
const ALICE = { user: 'alice', password: 'secret-alice' };

async function withServer(fixture: string, body: (server: RealNginx) => Promise<void>): Promise<void> {
  const server = await RealNginx.prepare(nginx as string, fixturePath(fixture));
  try {
    await server.start();
    await body(server);
  } finally {
    await server.stop();
  }
}

async function configTest(fixture: string): Promise<{ ok: boolean; output: string }> {
  const server = await RealNginx.prepare(nginx as string, fixturePath(fixture));
  try {
    return server.test();
  } finally {
    await server.stop();
  }
}

run('real nginx agrees with the rules', () => {
  test('auth-basic-without-user-file: the bad fixture serves /admin/ and /reports/ without a password', async () => {
    expect((await configTest('nginx/auth-basic-without-user-file/bad')).ok).toBe(true);
    await withServer('nginx/auth-basic-without-user-file/bad', async (server) => {
      for (const url of ['/admin/', '/reports/']) {
        const response = await server.request(url);
        expect({ url, status: response.status, challenge: response.wwwAuthenticate }).toEqual({ url, status: 200, challenge: undefined });
        expect(response.log).toEqual([]);
      }
      expect((await server.request('/exports/')).status).toBe(200);
    });
  });

  test('auth-basic-without-user-file: the good fixture (the fix) asks for a password and accepts alice', async () => {
    await withServer('nginx/auth-basic-without-user-file/good', async (server) => {
      const anonymous = await server.request('/admin/');
      expect(anonymous.status).toBe(401);
      expect(anonymous.wwwAuthenticate).toBe('Basic realm="Admin area"');
      expect((await server.request('/admin/', ALICE)).status).toBe(200);
      expect((await server.request('/reports/', ALICE)).status).toBe(200);
      expect((await server.request('/.well-known/acme-challenge/x')).status).toBe(404);
    });
    expect(lintFixture('nginx/auth-basic-without-user-file/good').findings).toEqual([]);
  });

  test('auth-file-missing: nginx -t passes, 401 without credentials, 403 and the ENOENT log line with them', async () => {
    expect((await configTest('nginx/auth-file-missing/bad')).ok).toBe(true);
    await withServer('nginx/auth-file-missing/bad', async (server) => {
      const anonymous = await server.request('/admin/');
      expect(anonymous.status).toBe(401);
      const login = await server.request('/admin/', ALICE);
      expect(login.status).toBe(403);
      expect(login.log.join('\n')).toContain(`open() "${server.dir}/etc/nginx/htpaswd" failed (2: No such file or directory)`);
      // The relative path is resolved against the conf prefix (the directory of nginx.conf).
      const staff = await server.request('/staff/', ALICE);
      expect(staff.status).toBe(403);
      expect(staff.log.join('\n')).toContain(`open() "${server.dir}/etc/nginx/conf.d/staff.htpasswd" failed (2: No such file or directory)`);
    });
  });

  test('auth-file-missing: the good fixture logs alice in, relative path and all', async () => {
    await withServer('nginx/auth-file-missing/good', async (server) => {
      expect((await server.request('/admin/', ALICE)).status).toBe(200);
      expect((await server.request('/staff/', ALICE)).status).toBe(200);
      expect((await server.request('/admin/', { user: 'alice', password: 'wrong' })).status).toBe(401);
      expect((await server.request('/public/')).status).toBe(200);
    });
  });

  test('syntax: nginx -t refuses the bad fixture with the message authlint quotes, and accepts the good one', async () => {
    const bad = await configTest('nginx/syntax/bad');
    expect(bad.ok).toBe(false);
    const first = lintFixture('nginx/syntax/bad').findings[0];
    expect(bad.output).toContain('invalid number of arguments in "auth_basic" directive');
    expect(first.message).toContain('invalid number of arguments in "auth_basic" directive');
    expect((await configTest('nginx/syntax/good')).ok).toBe(true);
  });

  test.each([
    ['nginx/include-missing', 'snippets/auth.conf" failed (2: No such file or directory)'],
    ['generic/file-unreadable', 'conf.d/site.conf" failed (2: No such file or directory)'],
  ])('%s: nginx -t fails on the bad fixture (%s) and passes on the good one', async (rule, message) => {
    const bad = await configTest(`${rule}/bad`);
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain(message);
    expect((await configTest(`${rule}/good`)).ok).toBe(true);
  });

  test('include-cycle: nginx -t does not survive the bad fixture, passes the good one', async () => {
    expect((await configTest('nginx/include-cycle/bad')).ok).toBe(false);
    expect((await configTest('nginx/include-cycle/good')).ok).toBe(true);
  });

  test('site-not-enabled: both fixtures load; only the enabled site is served', async () => {
    expect((await configTest('nginx/site-not-enabled/bad')).ok).toBe(true);
    await withServer('nginx/site-not-enabled/good', async (server) => {
      expect((await server.request('/admin/')).status).toBe(401);
    });
  });

  test('include globs are read in byte order, as authlint expands them (nginx -T)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-glob-'));
    try {
      fs.mkdirSync(path.join(dir, 'conf.d'));
      for (const name of ['b', 'B', 'a', '_', '10', '.hidden']) fs.writeFileSync(path.join(dir, 'conf.d', `${name}.conf`), `# ${name}\n`);
      fs.writeFileSync(path.join(dir, 'nginx.conf'), 'events {}\nhttp { include conf.d/*.conf; }\n');
      const dump = spawnSync(nginx as string, ['-T', '-p', dir + '/', '-c', path.join(dir, 'nginx.conf'), '-g', `pid ${dir}/pid; error_log ${dir}/e.log;`], { encoding: 'utf8' });
      const order = [...dump.stdout.matchAll(/^# configuration file .*\/conf\.d\/(.*)\.conf:$/gm)].map((m) => m[1]);
      expect(order).toEqual(['10', 'B', '_', 'a', 'b']);
      expect(parseNginx('x;').errors).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
