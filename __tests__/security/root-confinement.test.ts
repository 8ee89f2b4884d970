import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectContained, FORMATS, runTraced, sandbox, type Sandbox } from './harness';

/**
 * SECURITY.md, promise 1: under --root, authlint never opens a file outside the root — through
 * `..`, symbolic links, missing components, globs or walks — whatever names the path: an nginx
 * include or auth_basic_user_file, an Apache Include, ServerRoot, Define, Debian's envvars, the
 * .htaccess walk, or a file named on the command line.
 */

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const nginxMain = (body: string) => `events {}\nhttp {\n${body}\n}\n`;
const lint = (...paths: string[]) => runTraced(['--root', box.root, ...paths.map((p) => path.join(box.root, p)), '-f', 'json']);

/** A relative link from `relative` (under the root) that climbs to the outside directory. */
function climbingLink(relative: string): string {
  const from = path.dirname(path.join(box.root, relative));
  return path.relative(from, box.outside);
}

describe('paths through a missing component and ..', () => {
  test.each([
    ['include', (p: string) => `include ${p}/secret.conf;`],
    ['auth_basic_user_file', (p: string) => `server { listen 80; location / { auth_basic "x"; auth_basic_user_file ${p}/htpasswd; } }`],
  ])('nginx %s via /nonexistent/../LINK', (_name, directive) => {
    box.link('etc/nginx/esc', climbingLink('etc/nginx/esc'));
    box.write('etc/nginx/nginx.conf', nginxMain(directive('/nonexistent/../etc/nginx/esc')));
    const run = lint('etc/nginx');
    expectContained(run, box);
    expect(run.stdout).toContain('generic/path-outside-root');
  });

  test('a link to / reached after missing components and several ..', () => {
    box.link('up', path.relative(box.root, '/'));
    box.write('etc/nginx/nginx.conf', nginxMain(`include /a/b/c/../../../up${box.outside}/secret.conf;\ninclude /missing/../up/etc/shadow;`));
    expectContained(lint('etc/nginx'), box);
  });

  test('.. after a missing component that climbs above the root itself', () => {
    box.write('etc/nginx/nginx.conf', nginxMain(`include /missing/../../../../../../..${box.outside}/secret.conf;`));
    const run = lint('etc/nginx');
    expectContained(run, box);
    expect(run.stdout).toContain('climbs above the --root directory');
  });

  test('an absolute link target stays under the root (it is where the link points on the server)', () => {
    box.link('etc/nginx/abs', box.outside); // absolute: re-rooted, so it names ROOT/<outside path>, which does not exist
    box.write('etc/nginx/nginx.conf', nginxMain('include /etc/nginx/abs/secret.conf;'));
    const run = lint('etc/nginx');
    expectContained(run, box);
    expect(run.stdout).toContain('nginx/include-missing');
  });
});

describe('Apache: Include, ServerRoot, Define and envvars', () => {
  const apacheMain = (body: string) => `ServerRoot "/etc/apache2"\nListen 8080\n${body}\n`;
  test.each([
    ['Include via a missing component', () => 'Include /nope/../etc/apache2/esc/apache.conf'],
    ['IncludeOptional glob through a link out', () => 'IncludeOptional /etc/apache2/esc/*.conf'],
    ['ServerRoot through a link out, then a relative Include', () => 'ServerRoot /etc/apache2/esc\nInclude apache.conf'],
    ['a Define that names the way out', () => 'Define WAY /x/../etc/apache2/esc\nInclude ${WAY}/apache.conf'],
    ['AuthUserFile through a link out', () => '<Directory /var/www>\nAuthType Basic\nAuthName x\nAuthUserFile /etc/apache2/esc/htpasswd\nRequire user alice\n</Directory>'],
  ])('%s', (_name, body) => {
    box.link('etc/apache2/esc', climbingLink('etc/apache2/esc'));
    box.write('etc/apache2/apache2.conf', apacheMain(body()));
    expectContained(lint('etc/apache2'), box);
  });

  test("Debian's envvars as a link out of the root is not read", () => {
    box.link('etc/apache2/envvars', path.join(climbingLink('etc/apache2/envvars'), 'secret.conf'));
    box.write('etc/apache2/apache2.conf', apacheMain('Include ${APACHE_CONFDIR}/x.conf'));
    expectContained(lint('etc/apache2'), box);
  });

  test('Include of a directory with a link out inside it', () => {
    box.write('etc/apache2/conf.d/ok.conf', 'ServerName example.com\n');
    box.link('etc/apache2/conf.d/out', climbingLink('etc/apache2/conf.d/out'));
    box.write('etc/apache2/apache2.conf', apacheMain('Include /etc/apache2/conf.d'));
    const run = lint('etc/apache2');
    expectContained(run, box);
    expect(run.stdout).toContain('generic/limit-reached');
  });
});

describe('globs and walks', () => {
  test('an nginx glob include through a symlinked directory lists no host directory', () => {
    box.link('etc/nginx/host', path.relative(path.join(box.root, 'etc/nginx'), '/'));
    box.write('etc/nginx/nginx.conf', nginxMain('include /etc/nginx/host/*;\ninclude /etc/nginx/host/etc/*;'));
    const run = lint('etc/nginx');
    expectContained(run, box);
    // A host directory's names would show up as include findings.
    expect(run.stdout).not.toMatch(/host\/(usr|proc|bin|etc\/passwd)/);
  });

  test('the .htaccess walk does not follow a link out of the root', () => {
    box.write('etc/apache2/apache2.conf', 'Listen 8080\nDocumentRoot /var/www/html\n<Directory /var/www/html>\nAllowOverride All\n</Directory>\n');
    box.write('var/www/html/index.html', 'hi');
    box.link('var/www/html/up', climbingLink('var/www/html/up'));
    fs.writeFileSync(path.join(box.outside, '.htaccess'), `AuthName "${'MARKER-7f3a9c-outside-the-root'}"\n`);
    const run = lint('etc/apache2');
    expectContained(run, box);
    expect(run.stdout).toContain('a symbolic link out of the --root directory');
  });

  test('a walked directory and an explicitly named file that link out are not read', () => {
    box.write('etc/nginx/nginx.conf', nginxMain(''));
    box.link('etc/nginx/conf.d/evil.conf', path.join(climbingLink('etc/nginx/conf.d/evil.conf'), 'secret.conf'));
    box.link('etc/nginx/htpasswd', path.join(climbingLink('etc/nginx/htpasswd'), 'htpasswd'));
    for (const format of FORMATS) {
      const run = runTraced(['--root', box.root, path.join(box.root, 'etc/nginx'), path.join(box.root, 'etc/nginx/conf.d/evil.conf'), path.join(box.root, 'etc/nginx/htpasswd'), '-f', format]);
      expectContained(run, box);
    }
  });

  test('a command-line directory outside the root is refused', () => {
    const run = runTraced(['--root', box.root, box.outside]);
    expectContained(run, box);
    expect(run.stderr).toContain('outside the --root directory');
  });
});
