import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';

/**
 * Configs with thousands of <VirtualHost> sections (shared hosting): the questions the Apache
 * rules ask per directory and per vhost — which <Directory> sections apply, AllowOverride
 * anywhere, is this a URL path under some DocumentRoot, does a ProxyPass take a protected
 * directory's URLs — were answered by testing every section or root each time: cubic in the
 * number of vhosts (400 vhosts took 3.6 s, 10,000 would have taken hours). They are indexed now.
 * Times are not asserted (speed is measured in `npm run bench`); the sizes below only make a
 * cubic version miss Jest's timeout by far.
 */

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
  const findings = lint([path.join(dir, 'etc/apache2')], { root: dir }).findings;
  const urlPaths = findings.filter((f) => f.ruleId === 'apache/directory-with-url-path');
  expect(urlPaths).toHaveLength(3000);
  // Each names its own vhost's DocumentRoot, not the first one of the config.
  const suggested = new Set(urlPaths.map((f) => /the files are in (\S+)\)/.exec(f.message)?.[1]));
  expect(suggested.size).toBe(3000);
  expect(suggested.has('/var/www/site1234/admin')).toBe(true);
}, 60_000);

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
