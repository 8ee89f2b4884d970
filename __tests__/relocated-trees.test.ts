import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';

/**
 * A configuration repository's checkout is a copy of the server's configuration directory
 * lying elsewhere (issue #13, item 7). Without --root, authlint reads the copy as that
 * directory — its includes from the copy, never from this machine's /etc — names the server's
 * paths, judges paths outside the copy as "not checked here" (info, never an error), and does
 * not judge a checkout's file modes.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-checkout-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const summary = (findings: { ruleId: string; severity: string; file: string; message: string }[]) => findings.map((f) => `${f.severity} ${f.ruleId} ${path.relative(dir, f.file)} ${/"(\/[^"]+)"/.exec(f.message)?.[1] ?? ''}`.trim());

test('nginx: a checkout whose nginx.conf includes /etc/nginx/conf.d/*.conf is read as /etc/nginx', () => {
  write('nginx/nginx.conf', 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n');
  // auth_basic with no user file: found only if the include is read from the copy.
  write('nginx/conf.d/site.conf', 'server {\n    listen 127.0.0.1:8080;\n    location /admin/ { auth_basic "Admin"; auth_basic_user_file /etc/nginx/htpasswd; }\n    location /ops/ { auth_basic "Ops"; auth_basic_user_file /srv/secret/htpasswd; }\n    location /api/ { auth_basic "API"; }\n}\n');
  write('nginx/htpasswd', 'alice:$6$abcdefgh$gPLGlu/CBL3aX.axmxNf.xPE2HjNVL50NNc3WVwy6.QmLfKDmC5BFgWt6nDNJgVy26ZuoNSkdk7fcCvpkxCrP/\n');
  fs.chmodSync(path.join(dir, 'nginx/htpasswd'), 0o666);
  const { findings } = lint([path.join(dir, 'nginx')]);
  expect(summary(findings)).toEqual([
    'info nginx/auth-file-missing nginx/conf.d/site.conf /srv/secret/htpasswd',
    'error nginx/auth-basic-without-user-file nginx/conf.d/site.conf',
  ]);
  // The finding names the server's path of the user file, and no file mode is judged.
  expect(findings.map((f) => f.message).join('\n')).not.toContain(dir);
});

test('nginx: a tree with no absolute include gives no evidence of its prefix, and is read where it lies', () => {
  write('nginx/nginx.conf', 'events {}\nhttp {\n    server {\n        listen 127.0.0.1:8080;\n        location /admin/ { auth_basic "Admin"; auth_basic_user_file htpasswd; }\n    }\n}\n');
  const { findings } = lint([path.join(dir, 'nginx')]);
  expect(findings.find((f) => f.ruleId === 'nginx/auth-file-missing')?.severity).toBe('error');
  expect(findings.find((f) => f.ruleId === 'nginx/auth-file-missing')?.message).toContain(path.join(dir, 'nginx/htpasswd'));
});

test('Apache: a checkout whose ServerRoot is /etc/apache2 is read as /etc/apache2; paths outside it are not checked here', () => {
  write(
    'apache/apache2.conf',
    [
      'ServerRoot "/etc/apache2"',
      'LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so',
      'LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so',
      'LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so',
      'LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so',
      'LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so',
      'IncludeOptional sites-enabled/*.conf',
      'Include /etc/letsencrypt/options-ssl-apache.conf',
      '',
    ].join('\n'),
  );
  write('apache/sites-enabled/ops.conf', '<Directory /var/www/ops>\n    AuthType Basic\n    AuthName "Ops"\n    AuthUserFile /etc/apache2/.htpasswd\n    Require valid-user\n</Directory>\n<Directory /var/www/admin>\n    AuthType Basic\n    AuthName "Admin"\n    AuthUserFile /srv/secret/htpasswd\n    Require valid-user\n</Directory>\n');
  const { findings } = lint([path.join(dir, 'apache')]);
  expect(summary(findings)).toEqual([
    'info apache/include-missing apache/apache2.conf /etc/letsencrypt/options-ssl-apache.conf',
    'error apache/auth-file-missing apache/sites-enabled/ops.conf /etc/apache2/.htpasswd',
    'info apache/auth-file-missing apache/sites-enabled/ops.conf /srv/secret/htpasswd',
  ]);
});
