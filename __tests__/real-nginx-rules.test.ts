import * as path from 'node:path';
import { FIXTURES } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip, type Response } from './helpers/real-nginx';

/**
 * For each nginx rule of the request model: the bad fixture, served by Debian's nginx on
 * 127.0.0.1, shows the symptom the rule's message claims; the good fixture (the fix) does not.
 * Rules about configs that do not load are checked with nginx -t.
 */
const nginx = findNginx();
const run = requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip;
const ALICE = { user: 'alice', password: 's3cret-pass' };

interface Probe {
  readonly uri: string;
  readonly options?: Parameters<RealNginx['request']>[1];
  readonly expect: (response: Response) => void;
}

const status = (code: number) => (r: Response) => expect(r.status).toBe(code);
const notChallenged = (r: Response) => {
  expect(r.status).not.toBe(401);
  expect(r.wwwAuthenticate).toBeUndefined();
};

const CASES: [string, Probe[], Probe[]][] = [
  ['user-file-without-auth-basic', [{ uri: '/admin/', expect: status(200) }], [{ uri: '/admin/', expect: status(401) }]],
  ['auth-basic-off-literal', [{ uri: '/admin/', expect: status(200) }, { uri: '/ops/', expect: status(200) }], [{ uri: '/admin/', expect: status(401) }]],
  [
    'auth-basic-off-opens-subtree',
    [{ uri: '/', expect: status(200) }, { uri: '/reports/', expect: status(200) }, { uri: '/admin/', expect: status(401) }],
    [{ uri: '/', expect: status(401) }, { uri: '/reports/', expect: status(401) }, { uri: '/static/', expect: status(200) }, { uri: '/health', expect: status(200) }],
  ],
  [
    'auth-file-unreadable',
    [{ uri: '/admin/', options: ALICE, expect: (r) => { expect(r.status).toBe(500); expect(r.log.join('\n')).toContain('failed (21: Is a directory)'); } }],
    [{ uri: '/admin/', options: ALICE, expect: status(200) }],
  ],
  ['auth-file-relative-path', [{ uri: '/admin/', options: ALICE, expect: status(200) }], [{ uri: '/admin/', options: ALICE, expect: status(200) }]],
  [
    'auth-file-path-from-request',
    [{ uri: '/files/?f=../../../../../../../../etc/passwd', options: ALICE, expect: (r) => { expect(r.status).toBe(401); expect(r.log.join('\n')).toMatch(/user "alice" was not found in ".*\/etc\/passwd"/); } }],
    [{ uri: '/files/', options: ALICE, expect: status(200) }],
  ],
  [
    'realm-quote-injection',
    [{ uri: '/admin/', expect: (r) => expect(r.wwwAuthenticate).toBe('Basic realm="The "admin" area"') }],
    [{ uri: '/admin/', expect: (r) => expect(r.wwwAuthenticate).toBe('Basic realm="The admin area"') }],
  ],
  ['regex-location-bypass', [{ uri: '/admin/index.php', expect: notChallenged }], [{ uri: '/admin/index.php', expect: status(401) }]],
  ['sibling-location-not-protected', [{ uri: '/admin/api/', expect: notChallenged }], [{ uri: '/admin/api/', expect: status(401) }]],
  [
    'return-or-rewrite-before-auth',
    [{ uri: '/token/', expect: (r) => { expect(r.status).toBe(200); expect(r.body).toBe('secret-token\n'); } }, { uri: '/old-admin/index.html', expect: status(200) }],
    [{ uri: '/token/', expect: status(401) }, { uri: '/old-reports/index.html', expect: status(401) }, { uri: '/old-reports/index.html', options: ALICE, expect: (r) => { expect(r.status).toBe(200); expect(r.body).toBe('reports page\n'); } }],
  ],
  [
    'limit-except-inverted',
    [{ uri: '/reports/', expect: status(200) }, { uri: '/reports/', options: { method: 'POST' }, expect: status(401) }],
    [{ uri: '/reports/', expect: status(401) }],
  ],
  ['satisfy-any-allow-bypass', [{ uri: '/admin/', expect: status(200) }, { uri: '/ops/', expect: status(401) }], [{ uri: '/admin/', expect: status(401) }, { uri: '/admin/', options: ALICE, expect: status(200) }]],
  [
    'realip-spoof-bypass',
    [{ uri: '/admin/', options: { headers: { 'X-Forwarded-For': '192.0.2.10' } }, expect: status(200) }],
    [{ uri: '/admin/', options: { headers: { 'X-Forwarded-For': '192.0.2.10' } }, expect: status(401) }],
  ],
  [
    'deny-all-with-satisfy-all',
    [{ uri: '/admin/', options: ALICE, expect: (r) => { expect(r.status).toBe(403); expect(r.log.join('\n')).toContain('access forbidden by rule'); } }],
    [{ uri: '/admin/', options: ALICE, expect: status(200) }],
  ],
  ['auth-basic-inside-auth-request-target', [{ uri: '/app/', expect: status(200) }], [{ uri: '/app/', expect: status(401) }]],
  [
    'auth-request-unexpected-status',
    [{ uri: '/app/', expect: (r) => { expect(r.status).toBe(500); expect(r.log.join('\n')).toContain('auth request unexpected status: 302'); } }],
    [],
  ],
  ['auth-request-401-without-challenge', [{ uri: '/app/', expect: (r) => { expect(r.status).toBe(401); expect(r.wwwAuthenticate).toBeUndefined(); } }], []],
  ['error-page-401-changes-status', [{ uri: '/admin/', expect: status(200) }], [{ uri: '/admin/', expect: (r) => { expect(r.status).toBe(401); expect(r.body).toBe('custom 401\n'); } }]],
  [
    'error-page-401-inside-protected-area',
    [{ uri: '/admin/', expect: (r) => { expect(r.status).toBe(401); expect(r.challenges).toBe(2); expect(r.body).not.toContain('custom'); } }],
    [{ uri: '/admin/', expect: (r) => { expect(r.status).toBe(401); expect(r.challenges).toBe(1); expect(r.body).toBe('custom 401\n'); } }],
  ],
  [
    'htpasswd-inside-web-root',
    [{ uri: '/.htpasswd', expect: (r) => { expect(r.status).toBe(200); expect(r.body).toMatch(/^alice:\$6\$/); } }],
    [{ uri: '/.htpasswd', expect: status(403) }],
  ],
  ['conflicting-server-shadows-protected-server', [{ uri: '/admin/', options: { host: 'app.test' }, expect: status(200) }], [{ uri: '/admin/', options: { host: 'app.test' }, expect: status(401) }]],
  [
    'protected-on-one-listener-only',
    [{ uri: '/admin/', options: { port: 8443 }, expect: status(401) }, { uri: '/admin/', options: { port: 8080 }, expect: status(200) }],
    [{ uri: '/admin/', options: { port: 8080 }, expect: status(301) }],
  ],
  ['server-level-auth-blocks-service-paths', [{ uri: '/.well-known/acme-challenge/token', expect: status(401) }], [{ uri: '/.well-known/acme-challenge/token', expect: status(404) }]],
  ['include-scope-mistake', [{ uri: '/', options: { host: 'www.test' }, expect: status(401) }], [{ uri: '/', options: { host: 'www.test' }, expect: status(200) }]],
];

async function probe(fixture: string, probes: Probe[]): Promise<void> {
  if (probes.length === 0) return;
  const server = await RealNginx.prepare(nginx as string, path.join(FIXTURES, fixture));
  try {
    const test = server.test();
    expect({ fixture, ok: test.ok, output: test.ok ? '' : test.output }).toEqual({ fixture, ok: true, output: '' });
    await server.start();
    for (const p of probes) p.expect(await server.request(p.uri, p.options));
  } finally {
    await server.stop();
  }
}

async function configTest(fixture: string) {
  const server = await RealNginx.prepare(nginx as string, path.join(FIXTURES, fixture));
  try {
    return server.test();
  } finally {
    await server.stop();
  }
}

run('real nginx shows what each nginx rule claims, and its fix removes it', () => {
  test.each(CASES)('%s', async (rule, bad, good) => {
    await probe(`nginx/${rule}/bad`, bad);
    await probe(`nginx/${rule}/good`, good);
  });

  test.each([
    ['auth-in-if', '"auth_basic" directive is not allowed here'],
    ['duplicate-or-malformed-directive', 'invalid number of arguments in "auth_basic" directive'],
    ['unknown-directive', 'unknown directive "auth_basic_userfile"'],
    ['directive-context', '"limit_except" directive is not allowed here'],
    ['proxy-pass-uri-not-allowed', '"proxy_pass" cannot have URI part in location given by regular expression'],
  ])('%s: nginx -t refuses the bad fixture (%s) and accepts the good one', async (rule, message) => {
    const bad = await configTest(`nginx/${rule}/bad`);
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain(message);
    expect((await configTest(`nginx/${rule}/good`)).ok).toBe(true);
  });

  test('conflicting-server: nginx -t passes with the warning the message quotes', async () => {
    const result = await configTest('nginx/conflicting-server-shadows-protected-server/bad');
    expect(result.ok).toBe(true);
    expect(result.output).toMatch(/conflicting server name "app\.test" on 127\.0\.0\.1:\d+, ignored/);
  });
});
