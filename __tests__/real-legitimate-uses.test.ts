import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { fixturePath } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * Documented legitimate uses of patterns that rules look for: authlint stays quiet (no error, no
 * warning), and the real server does what the admin meant. Each variant is the good fixture of
 * the rule with the admin section replaced.
 */

const apache = findApache();
const ALICE = { user: 'alice', password: 's3cret-pass' };

const ADMIN_SECTION = /<Directory \/var\/www\/html\/admin>[\s\S]*?<\/Directory>/;

interface Variant {
  readonly name: string;
  readonly section: string;
  readonly requests: [string, Parameters<RealApache['request']>[1], number][];
}

const VARIANTS: Variant[] = [
  {
    name: '<LimitExcept GET HEAD>: public read, authenticated write',
    section: '<Directory /var/www/html/admin>\n    AuthType Basic\n    AuthName "Admin area"\n    AuthUserFile /etc/apache2/htpasswd\n    <LimitExcept GET HEAD>\n        Require valid-user\n    </LimitExcept>\n</Directory>',
    requests: [['/admin/', {}, 200], ['/admin/', { method: 'POST' }, 401], ['/admin/', { method: 'DELETE' }, 401], ['/admin/', { method: 'POST', ...ALICE }, 200]],
  },
  {
    name: '<RequireAny> of Require ip and Require valid-user: the LAN, or a password',
    section: '<Directory /var/www/html/admin>\n    AuthType Basic\n    AuthName "Admin area"\n    AuthUserFile /etc/apache2/htpasswd\n    <RequireAny>\n        Require ip 10.0.0.0/8\n        Require valid-user\n    </RequireAny>\n</Directory>',
    requests: [['/admin/', {}, 401], ['/admin/', ALICE, 200]],
  },
  {
    name: '<RequireAny> of Require ip ::1 127.0.0.1 and Require valid-user: this machine without a password',
    section: '<Directory /var/www/html/admin>\n    AuthType Basic\n    AuthName "Admin area"\n    AuthUserFile /etc/apache2/htpasswd\n    <RequireAny>\n        Require ip 127.0.0.1 ::1\n        Require valid-user\n    </RequireAny>\n</Directory>',
    requests: [['/admin/', {}, 200]],
  },
];

(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('legitimate Apache patterns: quiet, and the server agrees', () => {
  test.each(VARIANTS.map((v) => [v.name, v] as const))('%s', async (_name, variant) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-legit-'));
    try {
      fs.cpSync(fixturePath('apache/limit-leaves-methods-open/good'), root, { recursive: true });
      const conf = path.join(root, 'etc/apache2/apache2.conf');
      fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(ADMIN_SECTION, variant.section));
      const loud = lint([path.join(root, 'etc/apache2')], { root }).findings.filter((f) => f.severity !== 'info');
      expect(loud.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      const server = await RealApache.prepare(apache as string, root);
      try {
        await server.start();
        for (const [uri, options, status] of variant.requests) {
          const response = await server.request(uri, options);
          expect({ uri, method: options?.method ?? 'GET', status: response.status }).toEqual({ uri, method: options?.method ?? 'GET', status });
        }
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

const nginx = findNginx();

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('legitimate nginx patterns: quiet, and the server agrees', () => {
  test('a regex location under a protected prefix that only redirects (return 301) is not a bypass', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-legit-'));
    try {
      fs.cpSync(fixturePath('nginx/regex-location-bypass/bad'), root, { recursive: true });
      const conf = path.join(root, 'etc/nginx/nginx.conf');
      const bypass = fs.readFileSync(conf, 'utf8');
      const reported = () => lint([path.join(root, 'etc/nginx')], { root }).findings.some((f) => f.ruleId === 'nginx/regex-location-bypass');
      expect(reported()).toBe(true); // the regex that runs PHP is a bypass
      fs.writeFileSync(conf, bypass.replace('fastcgi_pass unix:/run/php/php-fpm.sock;', 'return 301 /admin/;'));
      expect(reported()).toBe(false);
      const server = await RealNginx.prepare(nginx as string, root);
      try {
        await server.start();
        const moved = await server.request('/admin/index.php', { noLog: true });
        expect(moved.status).toBe(301);
        expect((await server.request('/admin/', { noLog: true })).status).toBe(401);
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

(requireServerOrSkip(nginx, 'nginx') && process.getuid?.() === 0 ? describe : describe.skip)('the worker account without a `user` directive', () => {
  test("is the build's default (nobody), not www-data: a file only www-data can read gets 500, and authlint says so", async () => {
    const server = await RealNginx.prepare(nginx as string, fixturePath('nginx/auth-file-relative-path/good'));
    try {
      const conf = path.join(server.dir, 'etc/nginx/nginx.conf');
      expect(fs.readFileSync(conf, 'utf8')).not.toMatch(/^\s*user\s/m);
      const htpasswd = path.join(server.dir, 'etc/nginx/htpasswd');
      fs.chownSync(htpasswd, 33, 33); // www-data on Debian
      fs.chmodSync(htpasswd, 0o600);
      const findings = lint([path.join(server.dir, 'etc/nginx')]).findings.filter((f) => f.ruleId === 'htpasswd/file-not-readable-by-worker');
      expect(findings.length).toBe(1);
      expect(findings[0].message).toContain('nobody');
      await server.start();
      expect((await server.request('/admin/', { user: 'alice', password: 's3cret-pass' })).status).toBe(500);
    } finally {
      await server.stop();
    }
  });
});
