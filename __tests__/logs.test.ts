import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DEFAULT_ACCESS_FORMATS, apacheLogFormat, nginxLogFormat } from '../src/logs/access-formats';
import { parseLogLine, type LineOrigin } from '../src/logs/parse-line';
import { parseTimeBound } from '../src/commands/logs';
import { runCli } from './helpers/cli';

/**
 * `authlint logs`: every historic form of the servers' auth lines (from their sources), hostile
 * lines, journald text, custom access formats, rotated and gzip files, thresholds and the JSON
 * contract. Logs written by real servers are in real-logs.test.ts.
 */

const origin: LineOrigin = { file: 'x.log', line: 1, accessServer: 'nginx', year: 2026, accessFormats: DEFAULT_ACCESS_FORMATS };
const parse = (line: string, extra: Partial<LineOrigin> = {}) => parseLogLine(line, { ...origin, ...extra });

describe('nginx error log lines', () => {
  const ctx = ', client: 192.0.2.7, server: shop.example.com, request: "GET /admin/ HTTP/1.1", host: "shop.example.com"';
  test.each([
    ['*1 no user/password was provided for basic authentication', 'no-credentials', null, null],
    ['*1 user "alice" was not found in "/etc/nginx/htpasswd"', 'user-not-found', 'alice', '/etc/nginx/htpasswd'],
    ['*1 user "alice": password mismatch', 'password-mismatch', 'alice', null],
    ['*1 open() "/etc/nginx/.htpasswd" failed (2: No such file or directory)', 'user-file-missing', null, '/etc/nginx/.htpasswd'],
    ['*1 open() "/etc/nginx/htpasswd" failed (13: Permission denied)', 'user-file-unreadable', null, '/etc/nginx/htpasswd'],
    ['*1 pread() "/etc/nginx/htpasswd" failed (21: Is a directory)', 'user-file-unreadable', null, '/etc/nginx/htpasswd'],
    ['*1 crypt_r() failed (22: Invalid argument)', 'hash-unsupported', null, null],
    ['*1 access forbidden by rule', 'access-denied', null, null],
    ['*1 auth request unexpected status: 302', 'auth-request', null, null],
    ["*1 PAM: user 'alice' - not authenticated: Authentication failure", 'pam-failure', 'alice', null],
  ])('%s', (message, kind, user, userFile) => {
    const event = parse(`2026/11/29 14:02:11 [error] 812#812: ${message}${ctx}`);
    expect(event).toMatchObject({ kind, user, userFile, client: '192.0.2.7', host: 'shop.example.com', method: 'GET', path: '/admin/', time: '2026-11-29T14:02:11', server: 'nginx' });
  });

  test('a missing static file is not a missing password file', () => {
    expect(parse(`2026/11/29 14:02:11 [error] 812#812: *1 open() "/var/www/html/favicon.ico" failed (2: No such file or directory)${ctx}`)).toBeUndefined();
    // With the config, the config decides.
    expect(parse(`2026/11/29 14:02:11 [error] 812#812: *1 open() "/srv/auth/admins" failed (2: No such file or directory)${ctx}`, { isUserFile: (f) => f === '/srv/auth/admins' })?.kind).toBe('user-file-missing');
  });

  test('hostile text: quotes, commas and a fake ", client:" in the user name, request and referrer', () => {
    const line = '2026/11/29 14:02:11 [error] 812#812: *1 user "a\\", client, server": password mismatch, client: 198.51.100.7, server: s, request: "GET /x?password=hunter2&p=, client: 6.6.6.6, server: z HTTP/1.1", host: "h", referrer: "r, client: 7.7.7.7, server: y"';
    const event = parse(line);
    expect(event?.client).toBe('198.51.100.7');
    expect(event?.kind).toBe('password-mismatch');
    expect(JSON.stringify(event)).not.toContain('hunter2');
  });

  test('journald text, with and without nginx\'s own timestamp', () => {
    expect(parse(`Nov 29 14:02:11 web1 nginx[812]: 2026/11/29 14:02:11 [error] 812#812: *1 user "bob": password mismatch${ctx}`)).toMatchObject({ kind: 'password-mismatch', user: 'bob', time: '2026-11-29T14:02:11' });
    expect(parse(`2026-11-29T14:02:11+0100 web1 nginx[812]: *1 user "bob": password mismatch${ctx}`)).toMatchObject({ kind: 'password-mismatch', time: '2026-11-29T14:02:11+01:00' });
  });
});

describe('Apache error log lines', () => {
  test.each([
    ['[Sun Nov 29 14:02:11.123456 2026] [auth_basic:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01618: user alice not found: /admin/', 'user-not-found', 'alice'],
    ['[Sun Nov 29 14:02:11.123456 2026] [auth_basic:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01617: user alice: authentication failure for "/admin/": Password Mismatch, referer: http://x/', 'password-mismatch', 'alice'],
    ['[Sun Nov 29 14:02:11.123456 2026] [auth_basic:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01614: client used wrong authentication scheme: /admin/', 'wrong-scheme', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [authn_file:error] [pid 10:tid 20] (2)No such file or directory: [client 192.0.2.7:5555] AH01620: Could not open password file: /etc/apache2/nope', 'user-file-missing', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [authn_file:error] [pid 10:tid 20] (13)Permission denied: [client 192.0.2.7:5555] AH01620: Could not open password file: /etc/apache2/htpasswd', 'user-file-unreadable', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [authz_core:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01630: client denied by server configuration: /var/www/html/', 'access-denied', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [access_compat:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01797: client denied by server configuration: /var/www/html/', 'access-denied', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [authz_core:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01631: user bob: authorization failure for "/admin/": ', 'authz-failed', 'bob'],
    ['[Sun Nov 29 14:02:11.123456 2026] [authz_groupfile:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01667: Authorization of user bob to access /admin/ failed, reason: user is not part of the \'require\'ed group(s).', 'authz-failed', 'bob'],
    ["[Sun Nov 29 14:02:11.123456 2026] [auth_digest:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01790: user `alice' in realm `Admin' not found: /admin/", 'user-not-found', 'alice'],
    ['[Sun Nov 29 14:02:11.123456 2026] [auth_digest:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01777: invalid nonce abc received - user attempted time travel', 'digest-failure', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [auth_basic:error] [pid 10:tid 20] [client 192.0.2.7:5555] AH01615: need AuthName: /admin/', 'auth-config-error', null],
    ['[Sun Nov 29 14:02:11.123456 2026] [authnz_ldap:info] [pid 10:tid 20] [client 192.0.2.7:5555] AH01695: auth_ldap authenticate: user alice authentication failed; URI /admin/ [ldap_simple_bind() to check user credentials failed][Invalid credentials]', 'ldap-failure', 'alice'],
    // Apache 2.2: no AH numbers, no pid, no port.
    ['[Sun Nov 29 14:02:11 2026] [error] [client 192.0.2.7] user alice not found: /admin/', 'user-not-found', 'alice'],
    ['[Sun Nov 29 14:02:11 2026] [error] [client 192.0.2.7] user alice: authentication failure for "/admin/": Password Mismatch', 'password-mismatch', 'alice'],
    ['[Sun Nov 29 14:02:11 2026] [error] [client 192.0.2.7] client denied by server configuration: /var/www/', 'access-denied', null],
  ])('%s', (line, kind, user) => {
    expect(parse(line)).toMatchObject({ kind, user, client: '192.0.2.7', time: '2026-11-29T14:02:11', server: 'apache' });
  });

  test('IPv6 clients keep their address, without the port', () => {
    expect(parse('[Sun Nov 29 14:02:11.1 2026] [auth_basic:error] [pid 10] [client 2001:db8::1:5555] AH01618: user a not found: /')?.client).toBe('2001:db8::1');
  });
});

describe('access logs', () => {
  test('combined: 401 without and with a user, 403; other statuses are not events', () => {
    const at = (user: string, status: number) => parse(`192.0.2.7 - ${user} [29/Nov/2026:14:02:11 +0100] "GET /admin/?token=abc HTTP/1.1" ${status} 179 "-" "curl/8.0"`);
    expect(at('-', 401)).toMatchObject({ kind: 'no-credentials', client: '192.0.2.7', time: '2026-11-29T14:02:11+01:00', path: '/admin/?token=…' });
    expect(at('alice', 401)).toMatchObject({ kind: 'credentials-rejected', user: 'alice' });
    expect(at('-', 403)?.kind).toBe('access-denied');
    expect(at('-', 200)).toBeUndefined();
  });

  test('a custom nginx log_format and Apache LogFormat', () => {
    const nginx = nginxLogFormat('main', '$remote_addr [$time_local] $host "$request" $status $body_bytes_sent rt=$request_time');
    expect(parse('192.0.2.7 [29/Nov/2026:14:02:11 +0000] shop "GET /admin/ HTTP/1.1" 401 10 rt=0.001', { accessFormats: [nginx] })).toMatchObject({ kind: 'no-credentials', host: 'shop', path: '/admin/' });
    const apache = apacheLogFormat('vhost', '%v:%p %h %l %u %t \\"%r\\" %>s %O');
    expect(parse('shop:443 192.0.2.7 - bob [29/Nov/2026:14:02:11 +0000] "GET /admin/ HTTP/1.1" 401 10', { accessFormats: [apache] })).toMatchObject({ kind: 'credentials-rejected', user: 'bob', host: 'shop' });
  });
});

describe('the command', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-logs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const nginxLine = (minute: number, user: string, client: string) => `2026/11/29 14:${String(minute).padStart(2, '0')}:00 [error] 1#1: *1 user "${user}": password mismatch, client: ${client}, server: s, request: "GET /admin/ HTTP/1.1", host: "h"`;

  test('a directory: error and access logs, rotated and gzip ones first; stdin too', () => {
    fs.mkdirSync(path.join(dir, 'nginx'));
    fs.writeFileSync(path.join(dir, 'nginx/error.log'), nginxLine(5, 'alice', '192.0.2.1') + '\n');
    fs.writeFileSync(path.join(dir, 'nginx/error.log.2.gz'), zlib.gzipSync(nginxLine(1, 'alice', '192.0.2.1') + '\n'));
    fs.writeFileSync(path.join(dir, 'nginx/error.log.1'), nginxLine(3, 'alice', '192.0.2.1') + '\n');
    fs.writeFileSync(path.join(dir, 'nginx/unrelated.txt'), nginxLine(9, 'zed', '192.0.2.9') + '\n');
    const run = runCli(['logs', path.join(dir, 'nginx'), '-f', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.stats.files.map((f: string) => path.basename(f))).toEqual(['error.log.2.gz', 'error.log.1', 'error.log']);
    expect(report.causes).toHaveLength(1);
    expect(report.causes[0]).toMatchObject({ kind: 'password-mismatch', count: 3, first: '2026-11-29T14:01:00', last: '2026-11-29T14:05:00', users: ['alice'] });
    const piped = runCli(['logs', '-', '-f', 'json'], { input: nginxLine(1, 'bob', '192.0.2.2') + '\n' });
    expect(JSON.parse(piped.stdout).causes[0].users).toEqual(['bob']);
  });

  test('brute force, password spraying and a distributed attempt, with settable thresholds; --since/--until', () => {
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) lines.push(nginxLine(10, 'admin', '203.0.113.1'));
    for (let i = 0; i < 6; i++) lines.push(nginxLine(20, `user${i}`, '203.0.113.2'));
    for (let i = 0; i < 6; i++) lines.push(nginxLine(30, 'root', `198.51.100.${i + 1}`));
    fs.writeFileSync(path.join(dir, 'error.log'), lines.join('\n') + '\n');
    const report = JSON.parse(runCli(['logs', path.join(dir, 'error.log'), '-f', 'json', '--top', '50']).stdout);
    const pattern = (client: string) => report.clients.find((c: { client: string }) => c.client === client)?.pattern;
    expect(pattern('203.0.113.1')).toBe('brute-force');
    expect(pattern('203.0.113.2')).toBe('password-spraying');
    expect(pattern('198.51.100.1')).toBe('distributed');
    expect(report.targets[0]).toMatchObject({ user: 'root', clients: 6 });
    const strict = JSON.parse(runCli(['logs', path.join(dir, 'error.log'), '-f', 'json', '--threshold', '20', '--spray-users', '10', '--distributed-clients', '10']).stdout);
    expect(strict.clients.every((c: { pattern: string | null }) => c.pattern === null)).toBe(true);
    const window = JSON.parse(runCli(['logs', path.join(dir, 'error.log'), '-f', 'json', '--since', '2026-11-29T14:15', '--until', '2026-11-29T14:25']).stdout);
    expect(window.stats.matched).toBe(6);
    expect(runCli(['logs', path.join(dir, 'error.log'), '--since', 'yesterday']).status).toBe(2);
  });

  test('the fail2ban jail only when asked; the JSON validates against schemas/logs.schema.json', () => {
    fs.writeFileSync(path.join(dir, 'error.log'), [nginxLine(1, 'a', '192.0.2.1'), '2026/11/29 14:01:00 [error] 1#1: *2 open() "/etc/nginx/htpasswd" failed (2: No such file or directory), client: 192.0.2.1, server: s, request: "GET / HTTP/1.1", host: "h"'].join('\n') + '\n');
    expect(runCli(['logs', path.join(dir, 'error.log')]).stdout).not.toContain('[nginx-http-auth]');
    const jail = runCli(['logs', path.join(dir, 'error.log'), '--fail2ban', '--threshold', '7']).stdout;
    expect(jail).toContain('[nginx-http-auth]');
    expect(jail).toContain('maxretry = 7');
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../schemas/logs.schema.json'), 'utf8')));
    const report = JSON.parse(runCli(['logs', path.join(dir, 'error.log'), '-f', 'json']).stdout);
    validate(report);
    expect(validate.errors ?? []).toEqual([]);
  });

  test('hostile logs: no secret, no raw escape, an endless line cut, a binary file survives', () => {
    const secretLine = `2026/11/29 14:01:00 [error] 1#1: *1 user "ali\x1b[2Jce": password mismatch, client: 192.0.2.1, server: s, request: "GET /login?password=hunter2 HTTP/1.1", host: "h", referrer: "http://u:pa55@x/"`;
    fs.writeFileSync(path.join(dir, 'error.log'), `${secretLine}\n${'x'.repeat(200_000)}\n${nginxLine(2, 'b', '192.0.2.2')}\n`);
    fs.writeFileSync(path.join(dir, 'access.log'), Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x1b]));
    for (const format of ['stylish', 'json']) {
      const run = runCli(['logs', dir, '-f', format]);
      expect(run.status).toBe(1);
      expect(run.stdout).not.toContain('hunter2');
      expect(run.stdout).not.toContain('pa55');
      expect(run.stdout).not.toMatch(/\x1b/);
    }
  });

  test('usage: no log and no config, a missing file', () => {
    expect(runCli(['logs']).status).toBe(2);
    const missing = runCli(['logs', path.join(dir, 'nope.log')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
  });

  test('--since forms', () => {
    const now = Date.parse('2026-11-29T15:00:00Z');
    expect(parseTimeBound('30m', now)).toBe(Date.parse('2026-11-29T14:30:00Z'));
    expect(parseTimeBound('2026-11-29', now)).toBe(Date.parse('2026-11-29T00:00:00Z'));
    expect(parseTimeBound('2026-11-29T14:00:00+01:00', now)).toBe(Date.parse('2026-11-29T13:00:00Z'));
    expect(parseTimeBound('soon', now)).toBeUndefined();
  });
});

describe('timestamps are read arithmetically, with the verdicts of Date.parse', () => {
  test.each(['2026/11/29 14:02:11', '2026/02/30 10:00:00', '2024/02/29 23:59:59', '2026/01/01 24:00:00', '2026/01/01 24:00:01', '2026/01/01 23:60:00', '2026/13/01 10:00:00', '2026/12/32 00:00:00', '2026/01/00 10:00:00'])('%s', (stamp) => {
    const event = parse(`${stamp} [error] 812#812: *1 user "bob": password mismatch, client: 192.0.2.1, server: x, request: "GET / HTTP/1.1", host: "x"`);
    const iso = stamp.replace(/\//g, '-').replace(' ', 'T');
    const expected = Date.parse(`${iso}Z`);
    expect(event?.epoch ?? NaN).toEqual(Number.isNaN(expected) ? NaN : expected);
  });
});

test('a set that reached its bound says so: a client that tried 1,005 user names has "1000+ users"', () => {
  const lines = Array.from({ length: 1005 }, (_, i) => `2026/11/29 14:00:${String(i % 60).padStart(2, '0')} [error] 812#812: *${i} user "u${i}": password mismatch, client: 198.51.100.7, server: x, request: "GET /admin/ HTTP/1.1", host: "x"`);
  const run = runCli(['logs', '-'], { input: lines.join('\n') + '\n' });
  expect(run.stdout).toMatch(/198\.51\.100\.7 +1005 failures, 1000\+ users/);
});
