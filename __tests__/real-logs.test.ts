import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { runCli } from './helpers/cli';

/**
 * `authlint logs` on logs the real servers wrote: each bad fixture is served by Debian's nginx or
 * apache2 on 127.0.0.1, requested anonymously, with a wrong password and as alice; the error log
 * it leaves is read by `authlint logs --config` and must be attributed to the right kind of
 * cause, the config directive and the rule that reports the fixture's mistake.
 */

const nginx = findNginx();
const apache = findApache();
const ALICE = { user: 'alice', password: 's3cret-pass' };
const WRONG = { user: 'alice', password: 'wrong-password' };

interface Expected {
  readonly kind: string;
  readonly ruleId: string | null;
  /** The config line the cause is linked to, as a file below the tree and a line. */
  readonly config?: [string, number];
}

interface LogCause {
  kind: string;
  ruleId: string | null;
  config: { file: string; line: number } | null;
  users: string[];
  count: number;
}

function logsOf(errorLog: string, configDir: string): { causes: LogCause[]; events: { kind: string; client: string | null }[]; status: number | null } {
  const run = runCli(['logs', errorLog, '--config', configDir, '-f', 'json']);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout);
  return { causes: report.causes, events: report.events, status: run.status };
}

function expectCause(causes: LogCause[], dir: string, expected: Expected): void {
  const cause = causes.find((c) => c.kind === expected.kind);
  expect({ kinds: causes.map((c) => c.kind), found: cause !== undefined }).toEqual({ kinds: causes.map((c) => c.kind), found: true });
  expect(cause?.ruleId).toBe(expected.ruleId);
  if (expected.config) expect(cause?.config).toEqual({ file: path.join(dir, expected.config[0]), line: expected.config[1] });
}

const NGINX_CASES: [string, string, Expected][] = [
  ['nginx/auth-file-missing/bad', '/admin/', { kind: 'user-file-missing', ruleId: 'nginx/auth-file-missing', config: ['etc/nginx/nginx.conf', 10] }],
  ['nginx/auth-file-unreadable/bad', '/admin/', { kind: 'user-file-unreadable', ruleId: 'nginx/auth-file-unreadable' }],
  ['nginx/deny-all-with-satisfy-all/bad', '/admin/', { kind: 'access-denied', ruleId: 'nginx/deny-all-with-satisfy-all' }],
  ['htpasswd/plaintext-password/bad', '/admin/', { kind: 'password-mismatch', ruleId: 'htpasswd/plaintext-password' }],
  ['htpasswd/utf8-bom/bad', '/admin/', { kind: 'user-not-found', ruleId: 'htpasswd/utf8-bom' }],
  ['htpasswd/whitespace-in-entry/bad', '/admin/', { kind: 'user-not-found', ruleId: 'htpasswd/whitespace-in-entry' }],
];

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('authlint logs on nginx error logs', () => {
  test.each(NGINX_CASES)('%s', async (fixture, uri, expected) => {
    const server = await RealNginx.prepare(nginx as string, fixturePath(fixture));
    try {
      await server.start();
      await server.request(uri, { noLog: true });
      await server.request(uri, { ...WRONG, noLog: true });
      await server.request(uri, { ...ALICE, noLog: true });
      await server.request(uri, { ...ALICE, noLog: true });
      await new Promise((r) => setTimeout(r, 50));
      const { causes, events, status } = logsOf(server.errorLog, path.join(server.dir, 'etc/nginx'));
      expect(status).toBe(1);
      expectCause(causes, server.dir, expected);
      // The real client is 127.0.0.1 on every event, whatever else the line holds.
      for (const event of events) expect(event.client).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
  });

  test('a fake ", client: …" in the referrer (after the real one) and in the request does not move the client', async () => {
    const server = await RealNginx.prepare(nginx as string, fixturePath('htpasswd/plaintext-password/bad'));
    try {
      await server.start();
      await server.request('/admin/', { user: 'mallory"', password: 'p', headers: { Referer: 'http://x/, client: 6.6.6.6, server: evil, request: "GET / HTTP/1.1"' }, noLog: true });
      await new Promise((r) => setTimeout(r, 50));
      expect(fs.readFileSync(server.errorLog, 'utf8')).toContain('client: 6.6.6.6');
      const { events } = logsOf(server.errorLog, path.join(server.dir, 'etc/nginx'));
      const failures = events.filter((e) => e.kind === 'user-not-found');
      expect(failures.length).toBe(1);
      expect(failures[0].client).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
  });
});

const APACHE_CASES: [string, string, Expected][] = [
  ['apache/auth-file-missing/bad', '/admin/', { kind: 'user-file-missing', ruleId: 'apache/auth-file-missing' }],
  ['apache/require-user-mismatch/bad', '/admin/', { kind: 'authz-failed', ruleId: 'apache/require-user-mismatch' }],
  ['apache/missing-authname/bad', '/admin/', { kind: 'auth-config-error', ruleId: null }],
  ['apache/mixed-access-compat-and-require/bad', '/admin/', { kind: 'access-denied', ruleId: null }],
];

(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('authlint logs on Apache error logs', () => {
  test.each(APACHE_CASES)('%s', async (fixture, uri, expected) => {
    const server = await RealApache.prepare(apache as string, fixturePath(fixture));
    try {
      await server.start();
      await server.request(uri, {});
      await server.request(uri, WRONG);
      await server.request(uri, ALICE);
      await new Promise((r) => setTimeout(r, 100));
      const { causes, events, status } = logsOf(server.errorLog, path.join(server.dir, 'etc/apache2'));
      expect(status).toBe(1);
      expectCause(causes, server.dir, expected);
      for (const event of events) expect(event.client).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
  });
});
