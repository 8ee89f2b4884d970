import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { BIN } from './helpers/cli';

/**
 * Configs with thousands of sections. Apache with thousands of <VirtualHost> sections (shared
 * hosting): which <Directory> sections apply, AllowOverride anywhere, is this a URL path under
 * some DocumentRoot, does a ProxyPass take a protected directory's URLs — each was answered by
 * testing every section or root: cubic in the number of vhosts (400 with a ProxyPass each took
 * 27 s). nginx with a thousand locations in one server: regex-location-bypass searched the
 * server's locations for every pair of a protected location and a regex (1,000 locations took
 * 200 s). Both are indexed or remembered now. Times are not asserted (speed is measured in `npm
 * run bench`): the runs below only have to end, where the cubic versions run for minutes to hours.
 */

/** The built CLI on a tree, killed after a generous time: a run that does not end fails here instead of holding CI. */
function lintTree(target: string, root: string): { timedOut: boolean; findings: { ruleId: string; message: string }[] } {
  const run = spawnSync(process.execPath, [BIN, '--root', root, target, '--format', 'json'], { encoding: 'utf8', timeout: 90_000, maxBuffer: 256 * 1024 * 1024 });
  const timedOut = run.error !== undefined || run.signal !== null;
  return { timedOut, findings: timedOut ? [] : (JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] }).findings };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-vhosts-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  fs.writeFileSync(path.join(dir, relative), text);
}

const MAIN = 'ServerRoot "/etc/apache2"\nListen 80\nIncludeOptional sites-enabled/*.conf\n';

function vhost(n: number, body: string): string {
  return `<VirtualHost *:80>\n    ServerName site${n}.example.test\n    DocumentRoot /var/www/site${n}\n${body}</VirtualHost>\n`;
}

const protectedDirectory = (target: string) =>
  `    <Directory ${target}>\n        AuthType Basic\n        AuthName "Admin"\n        AuthUserFile /etc/apache2/htpasswd\n        Require valid-user\n    </Directory>\n`;

test('3,000 vhosts, each with a protected <Directory> of a URL path and a ProxyPass, are linted with every finding', () => {
  write('etc/apache2/apache2.conf', MAIN);
  write('etc/apache2/htpasswd', 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n');
  for (let file = 0; file < 300; file++) {
    let text = '';
    for (let k = 0; k < 10; k++) {
      const n = file * 10 + k;
      // /admin is a URL path: the directory that exists is /var/www/siteN/admin.
      fs.mkdirSync(path.join(dir, `var/www/site${n}/admin`), { recursive: true });
      text += vhost(n, `${protectedDirectory('/admin')}    ProxyPass /app/ http://127.0.0.1:9000/\n`);
    }
    write(`etc/apache2/sites-enabled/site${file}.conf`, text);
  }
  const run = lintTree(path.join(dir, 'etc/apache2'), dir);
  expect(run.timedOut).toBe(false);
  const urlPaths = run.findings.filter((f) => f.ruleId === 'apache/directory-with-url-path');
  expect(urlPaths).toHaveLength(3000);
  // Each names its own vhost's DocumentRoot, not the first one of the config.
  const suggested = new Set(urlPaths.map((f) => /the files are in (\S+)\)/.exec(f.message)?.[1]));
  expect(suggested.size).toBe(3000);
  expect(suggested.has('/var/www/site1234/admin')).toBe(true);
}, 120_000);

test('a ProxyPass of one vhost is not taken for a bypass of another vhost’s <Directory>; within one vhost it is', () => {
  write('etc/apache2/apache2.conf', MAIN);
  write('etc/apache2/htpasswd', 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n');
  fs.mkdirSync(path.join(dir, 'var/www/site1/admin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'var/www/site2/admin'), { recursive: true });
  // site1 protects its /admin/ files; site2 proxies its own /admin/ to its own backend.
  write('etc/apache2/sites-enabled/a.conf', vhost(1, protectedDirectory('/var/www/site1/admin')) + vhost(2, '    ProxyPass /admin/ http://127.0.0.1:9000/\n'));
  expect(lint([path.join(dir, 'etc/apache2')], { root: dir }).findings.filter((f) => f.ruleId === 'apache/proxy-bypasses-directory-auth')).toEqual([]);
  // The same ProxyPass in site1 hands site1's protected URLs to the backend.
  write('etc/apache2/sites-enabled/a.conf', vhost(1, protectedDirectory('/var/www/site1/admin') + '    ProxyPass /admin/ http://127.0.0.1:9000/\n'));
  const findings = lint([path.join(dir, 'etc/apache2')], { root: dir }).findings.filter((f) => f.ruleId === 'apache/proxy-bypasses-directory-auth');
  expect(findings).toHaveLength(1);
  expect(findings[0].message).toContain('/admin/');
});

test('a server with 1,000 protected locations, 100 regex locations and a protected "/" holding 2,000 more is linted with every finding', () => {
  write('etc/nginx/htpasswd', 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n');
  let text = 'events {}\nhttp {\n server {\n  listen 80;\n  server_name a.example;\n  root /var/www;\n';
  for (let i = 0; i < 1000; i++) {
    text += `  location /p${i}/ {\n   auth_basic "x";\n   auth_basic_user_file /etc/nginx/htpasswd;\n  }\n`;
    if (i % 10 === 0) text += `  location ~ ^/p${i}/.*\\.php$ {\n   fastcgi_pass unix:/run/php.sock;\n  }\n`;
  }
  text += '  location / {\n   auth_basic "all";\n   auth_basic_user_file /etc/nginx/htpasswd;\n';
  for (let i = 0; i < 1000; i++) text += `   location /open${i}/ { auth_basic off; }\n   location ~* ^/q${i}/(.*)$ { proxy_pass http://127.0.0.1:8080; }\n`;
  text += '  }\n }\n}\n';
  write('etc/nginx/nginx.conf', text);
  const run = lintTree(path.join(dir, 'etc/nginx'), dir);
  expect(run.timedOut).toBe(false);
  // Every tenth protected prefix loses its PHP files to the regex location after it.
  expect(run.findings.filter((f) => f.ruleId === 'nginx/regex-location-bypass')).toHaveLength(100);
}, 120_000);
