import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers/cli';

const ROOT = 'fixtures/explain/site';
const explainArgs = (url: string, ...extra: string[]) => ['explain', '--root', ROOT, `${ROOT}/etc/nginx`, url, ...extra];

describe('authlint explain', () => {
  test('JSON has the documented shape', () => {
    const result = runCli(explainArgs('http://app.test:8080/admin/', '-f', 'json'));
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['server', 'location', 'auth', 'predicted']));
    expect(json.server).toEqual({ file: expect.stringMatching(/etc\/nginx\/nginx\.conf$/), line: 5 });
    expect(json.location).toEqual({ file: expect.stringMatching(/nginx\.conf$/), line: 16 });
    expect(json.auth).toMatchObject({ basic: true, realm: { value: 'Admin', line: 17 }, userFile: { path: '/etc/nginx/htpasswd', state: 'file', line: 18 }, satisfy: 'all' });
    expect(json.predicted).toEqual({
      anonymous: { status: 401, reason: expect.any(String) },
      wrongCredentials: { status: 401, reason: expect.any(String) },
    });
  });

  test('--user reads the password from standard input and predicts that login', () => {
    const right = JSON.parse(runCli(explainArgs('http://app.test:8080/admin/', '--user', 'alice', '-f', 'json'), { input: 's3cret-pass\n' }).stdout);
    expect(right.predicted.credentials).toEqual({ status: 200, reason: expect.any(String) });
    const wrong = JSON.parse(runCli(explainArgs('http://app.test:8080/admin/', '--user', 'alice', '-f', 'json'), { input: 'nope\n' }).stdout);
    expect(wrong.predicted.credentials.status).toBe(401);
  });

  test('text output names the server, the location and why, the auth and the predictions', () => {
    const out = runCli(explainArgs('http://app.test:8080/admin/notes.txt')).stdout;
    expect(out).toContain('location ~ \\.txt$');
    expect(out).toContain('is the first regex (in order of appearance) that matches, so it wins over location /admin/');
    expect(out).toMatch(/anonymous\s+200/);
  });

  test('a backend decides: status null, said so', () => {
    const json = JSON.parse(runCli(['explain', '--root', 'src/rules/nginx/regex-location-bypass/bad', 'src/rules/nginx/regex-location-bypass/bad/etc/nginx', 'http://app.test:8080/admin/index.php', '-f', 'json']).stdout);
    expect(json.predicted.anonymous).toEqual({ status: null, reason: expect.stringContaining('fastcgi_pass') });
  });

  test('usage errors exit 2 without a stack trace', () => {
    for (const args of [explainArgs('ftp://x/'), ['explain', 'no/such/dir', 'http://x/'], ['explain']]) {
      const result = runCli(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/authlint: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('authlint explain on forward auth and checkouts', () => {
  const PORTAL = 'fixtures/explain/portal';
  const portal = (...extra: string[]) => runCli(['explain', '--root', PORTAL, `${PORTAL}/etc/nginx`, 'http://app.test:8080/private/x', '-f', 'json', ...extra]);

  test('--auth-answer predicts what the client gets when the portal answers that status', () => {
    expect(JSON.parse(portal('--auth-answer', '401').stdout).predicted.anonymous).toEqual({ status: 302, reason: expect.stringContaining('@login') });
    expect(JSON.parse(portal('--auth-answer', '403').stdout).predicted.anonymous.status).toBe(403);
    expect(JSON.parse(portal('--auth-answer', '502').stdout).predicted.anonymous).toEqual({ status: 500, reason: expect.stringContaining('auth request unexpected status: 502') });
    expect(JSON.parse(portal().stdout).predicted.anonymous).toEqual({ status: null, reason: expect.stringMatching(/401 becomes 302/) });
    const bad = portal('--auth-answer', '42');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not an HTTP status');
  });

  test('a checkout whose nginx.conf includes /etc/nginx/conf.d/*.conf is read as the directory it copies', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-explain-checkout-'));
    try {
      fs.mkdirSync(path.join(dir, 'nginx/conf.d'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'nginx/nginx.conf'), 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n');
      fs.writeFileSync(path.join(dir, 'nginx/conf.d/shop.conf'), 'server {\n    listen 443 ssl;\n    server_name shop.example;\n    location /admin/ {\n        auth_basic "Shop admin";\n        auth_basic_user_file /etc/nginx/htpasswd;\n    }\n}\n');
      const json = JSON.parse(runCli(['explain', path.join(dir, 'nginx'), 'https://shop.example/admin/', '-f', 'json']).stdout);
      expect(json.server).toEqual({ file: expect.stringContaining('shop.conf'), line: 1 });
      expect(json.auth).toMatchObject({ basic: true, realm: { value: 'Shop admin' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
