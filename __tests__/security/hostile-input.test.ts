import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN } from '../helpers/cli';
import { expectContained, FORMATS, MARKER, runTraced, sandbox, type Sandbox } from './harness';

/**
 * SECURITY.md, promises 2–9: the runner's environment is never used, secrets are never printed,
 * printed commands are safe to paste, every walk ends, special files are never read, the
 * nginx -T temp directory never outlives the run, resource bombs become findings, and usage
 * errors never echo a password.
 */

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const nginxMain = (body: string) => `events {}\nhttp {\n${body}\n}\n`;
const apacheMain = (body: string) => `ServerRoot "/etc/apache2"\nListen 8080\n${body}\n`;
const lintRoot = (format: string, ...paths: string[]) => runTraced(['--root', box.root, ...paths.map((p) => path.join(box.root, p)), '-f', format]);

describe("the runner's environment is never used", () => {
  test.each([
    ['Include ${SECRET_TOKEN}', 'Include ${SECRET_TOKEN}'],
    ['AuthUserFile ${SECRET_TOKEN}', '<Directory /var/www>\nAuthType Basic\nAuthName x\nAuthUserFile /etc/${SECRET_TOKEN}/htpasswd\nRequire valid-user\n</Directory>'],
    ['ServerRoot ${SECRET_TOKEN}', 'ServerRoot ${SECRET_TOKEN}\nInclude x.conf'],
  ])('%s', (_name, body) => {
    box.write('etc/apache2/apache2.conf', apacheMain(body));
    for (const format of FORMATS) {
      const run = runTraced(['--root', box.root, path.join(box.root, 'etc/apache2'), '-f', format], { env: { SECRET_TOKEN: MARKER } });
      expectContained(run, box);
    }
  });

  test('a variable the tree defines is used; one it does not is left as httpd leaves it', () => {
    box.write('etc/apache2/apache2.conf', apacheMain('Define CONFS /etc/apache2/confs\nInclude ${CONFS}/a.conf\nInclude ${HOME}/b.conf'));
    const run = runTraced(['--root', box.root, path.join(box.root, 'etc/apache2'), '-f', 'json'], { env: { HOME: `/${MARKER}` } });
    expectContained(run, box);
    expect(run.stdout).toContain('/etc/apache2/confs/a.conf');
    expect(run.stdout).toContain('${HOME}/b.conf');
  });
});

describe('hashes and plaintext passwords are never printed', () => {
  const hash = '$apr1$Zr4Lq9x2$1bQ5ZkqVh3m0PZf6sKJ2w.';
  const bcrypt = '$2y$05$abcdefghijklmnopqrstuu5RkZ8N9XyZ8m0z2Kq7y3V0l3QkG1M3O';
  const plaintext = 'Tr0ub4dor-and-3';

  test.each([
    ['nginx include of a password file', () => {
      box.write('etc/nginx/htpasswd', `alice:${hash}\nbob:${bcrypt}\ncarol:${plaintext}\n`);
      box.write('etc/nginx/nginx.conf', nginxMain('include /etc/nginx/htpasswd;'));
      return 'etc/nginx';
    }],
    ['Apache Include of a password file', () => {
      box.write('etc/apache2/htpasswd', `alice:${hash}\nbob:${bcrypt}\ncarol:${plaintext}\n`);
      box.write('etc/apache2/apache2.conf', apacheMain('Include /etc/apache2/htpasswd'));
      return 'etc/apache2';
    }],
    ['lines without a colon (a pasted "user hash")', () => {
      box.write('etc/nginx/htpasswd', `alice ${hash}\nbob ${bcrypt}\ncarol ${plaintext}\n`);
      box.write('etc/nginx/nginx.conf', nginxMain('server { listen 80; location / { auth_basic "x"; auth_basic_user_file /etc/nginx/htpasswd; } }'));
      return 'etc/nginx';
    }],
    ['a hash pasted into a directive', () => {
      box.write('etc/nginx/nginx.conf', nginxMain(`server { listen 80; location / { auth_basic ${hash}; auth_basic_user_file ${bcrypt}; } }`));
      return 'etc/nginx';
    }],
  ])('%s, in every format', (_name, setup) => {
    const target = setup();
    for (const format of FORMATS) {
      const run = lintRoot(format, target);
      expectContained(run, box);
      for (const secret of [hash.slice(6), bcrypt.slice(7), plaintext]) expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });
});

describe('printed commands are safe to paste into a shell', () => {
  /**
   * Run each printed command with every program (and printf) replaced by a shell function that
   * records its arguments on descriptor 3, so that the command's own redirections never carry a
   * record. Nothing runs for real: a command may not redirect anywhere but /dev/null (a redirect
   * to a path taken from the config would write that file), which is checked first.
   */
  function argumentsOf(command: string, cwd: string): string[][] {
    expect({ command, redirects: command.replace(/'[^']*'/g, "''").match(/\d*>>?\s*(?!\/dev\/null\b)\S+/g) ?? [] }).toEqual({ command, redirects: [] });
    const programs = ['htpasswd', 'chmod', 'chown', 'sed', 'mv', 'iconv', 'ln', 'a2enmod', 'nginx', 'systemctl', 'apachectl', 'httpd', 'openssl', 'tee', 'printf'];
    const functions = programs.map((p) => `${p}() { command printf '%s\\037' ${p} "$@" >&3; command printf '\\036' >&3; }`).join('\n');
    const record = path.join(cwd, '..', `${path.basename(cwd)}.calls`);
    try {
      execFileSync('/bin/sh', ['-c', `exec 3>${record}\n${functions}\n${command}`], { cwd, encoding: 'utf8', env: { PATH: '/nonexistent' } });
      const out = fs.readFileSync(record, 'utf8');
      return out.split('\x1e').filter(Boolean).map((call) => call.split('\x1f').filter((_, i, all) => i < all.length - 1));
    } finally {
      fs.rmSync(record, { force: true });
    }
  }

  test.each([
    ['a;touch${IFS}MARK;', 'a user name with ; and ${IFS}'],
    ["o'hara$(touch MARK)`touch MARK`", 'quotes, $() and backquotes'],
    ['-rf', 'a user name that looks like an option'],
    ['~root', 'a leading tilde'],
  ])('user %s (%s) stays one argument', (user) => {
    box.write('etc/nginx/htpasswd', `${user}:$apr1$Zr4Lq9x2$1bQ5ZkqVh3m0PZf6sKJ2w.\n${user}:$apr1$Zr4Lq9x2$1bQ5ZkqVh3m0PZf6sKJ2w.\n`);
    box.write('etc/nginx/nginx.conf', nginxMain('server { listen 80; location / { auth_basic "x"; auth_basic_user_file /etc/nginx/htpasswd; } }'));
    const run = lintRoot('json', 'etc/nginx');
    expectContained(run, box);
    const commands: string[] = JSON.parse(run.stdout).findings.flatMap((f: { fix?: { commands: string[] } }) => f.fix?.commands ?? []);
    const userCommands = commands.filter((c) => c.startsWith('htpasswd'));
    expect(userCommands.length).toBeGreaterThan(0);
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-sh-'));
    try {
      for (const command of userCommands) {
        const calls = argumentsOf(command, cwd);
        // Every call that names the user has it as one whole argument (htpasswd's, or printf's).
        const naming = calls.filter((call) => call.some((arg) => arg.includes(user.replace(/^-/, ''))));
        expect(naming.length).toBeGreaterThan(0);
        for (const call of naming) expect(call).toContain(user);
        expect(calls[0][0]).toBe('htpasswd');
      }
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('a user-file path with ; and quotes is quoted too', () => {
    box.write("etc/nginx/pass;touch MARK;'x'", 'alice:$apr1$Zr4Lq9x2$1bQ5ZkqVh3m0PZf6sKJ2w.\n');
    box.write('etc/nginx/nginx.conf', nginxMain(`server { listen 80; location / { auth_basic "x"; auth_basic_user_file "/etc/nginx/pass;touch MARK;'x'"; } }`));
    const run = lintRoot('json', 'etc/nginx');
    const commands: string[] = JSON.parse(run.stdout).findings.flatMap((f: { fix?: { commands: string[] } }) => f.fix?.commands ?? []);
    const withPath = commands.filter((c) => c.includes('pass;'));
    expect(withPath.length).toBeGreaterThan(0);
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-sh-'));
    try {
      for (const command of withPath) for (const call of argumentsOf(command, cwd)) if (call.some((a) => a.includes('pass;'))) expect(call).toContain("/etc/nginx/pass;touch MARK;'x'");
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('no command is printed for a value with control characters, and the terminal sees no raw escape', () => {
    const user = 'evil\x1b[2J\x07name';
    box.write('etc/nginx/htpasswd', `${user}:$apr1$Zr4Lq9x2$1bQ5ZkqVh3m0PZf6sKJ2w.\n`);
    box.write('etc/nginx/nginx.conf', nginxMain('server { listen 80; location / { auth_basic "x\x1b]0;pwned\x07"; auth_basic_user_file /etc/nginx/htpasswd; } }'));
    for (const format of FORMATS) {
      const run = lintRoot(format, 'etc/nginx');
      expectContained(run, box);
      expect(run.stdout + run.stderr).not.toMatch(/[\x07\x1b]/);
    }
    const json = JSON.parse(lintRoot('json', 'etc/nginx').stdout);
    const commands: string[] = json.findings.flatMap((f: { fix?: { commands: string[] } }) => f.fix?.commands ?? []);
    expect(commands.some((c) => c.includes('evil'))).toBe(false);
  });
});

describe('walks end, and stay bounded in time and memory', () => {
  test('self-referencing links in the .htaccess walk and in Include of a directory', () => {
    box.write('etc/apache2/apache2.conf', apacheMain('DocumentRoot /var/www/html\n<Directory /var/www/html>\nAllowOverride All\n</Directory>\nInclude /etc/apache2/conf.d'));
    box.write('etc/apache2/conf.d/a.conf', 'ServerName example.com\n');
    box.link('etc/apache2/conf.d/loop', '.');
    box.link('etc/apache2/conf.d/up', '..');
    box.write('var/www/html/.htaccess', 'AuthType Basic\n');
    box.link('var/www/html/l1', '.');
    box.link('var/www/html/l2', 'l1');
    box.link('var/www/html/root', '/'); // absolute: the root itself, under --root
    expectContained(lintRoot('json', 'etc/apache2'), box);
  });

  test('a directory walk of the command line with link loops', () => {
    box.write('etc/nginx/nginx.conf', nginxMain(''));
    box.link('etc/nginx/loop', '.');
    box.link('etc/nginx/conf.d', '..');
    expectContained(lintRoot('json', 'etc'), box);
  });

  test.each([8, 30])('%i files that each include a glob matching all of them', (n) => {
    for (let i = 0; i < n; i++) box.write(`etc/nginx/conf.d/f${i}.conf`, 'include /etc/nginx/conf.d/*.conf;\n');
    box.write('etc/nginx/nginx.conf', nginxMain('include /etc/nginx/conf.d/*.conf;'));
    const run = runTraced(['--root', box.root, path.join(box.root, 'etc/nginx'), '-f', 'json'], { timeoutMs: 15_000 });
    expectContained(run, box);
    expect(run.stdout).toContain('nginx/include-cycle');
  });

  test('Apache: n files that each Include all of them', () => {
    for (let i = 0; i < 12; i++) box.write(`etc/apache2/conf.d/f${i}.conf`, 'IncludeOptional /etc/apache2/conf.d/*.conf\n');
    box.write('etc/apache2/apache2.conf', apacheMain('IncludeOptional /etc/apache2/conf.d/*.conf'));
    const run = runTraced(['--root', box.root, path.join(box.root, 'etc/apache2'), '-f', 'json'], { timeoutMs: 15_000 });
    expectContained(run, box);
    expect(run.stdout).toContain('apache/include-cycle');
  });
});

describe('special files are never read', () => {
  const fifo = (relative: string): string => {
    const file = path.join(box.root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    execFileSync('mkfifo', [file]);
    return file;
  };

  test.each([
    ['a FIFO as an nginx include', () => nginxMain('include /etc/nginx/fifo.conf;'), 'etc/nginx/fifo.conf'],
    ['a FIFO as a user file', () => nginxMain('server { listen 80; location / { auth_basic "x"; auth_basic_user_file /etc/nginx/fifo.conf; } }'), 'etc/nginx/fifo.conf'],
    ['a FIFO reached by a glob', () => nginxMain('include /etc/nginx/conf.d/*;'), 'etc/nginx/conf.d/fifo'],
  ])('%s', (_name, config, fifoPath) => {
    fifo(fifoPath);
    box.write('etc/nginx/nginx.conf', config());
    expectContained(runTraced(['--root', box.root, path.join(box.root, 'etc/nginx'), '-f', 'json'], { timeoutMs: 10_000 }), box);
  });

  test('a FIFO and a device named on the command line or found by a walk', () => {
    const file = fifo('etc/nginx/sites-enabled/site');
    expectContained(runTraced(['--root', box.root, file, path.join(box.root, 'etc')], { timeoutMs: 10_000 }), box);
    expectContained(runTraced(['/dev/zero', '--type', 'nginx'], { timeoutMs: 10_000 }), box);
  });

  test.each(['/dev/zero', '/dev/urandom'])('%s as an include and as a user file (no --root)', (device) => {
    box.write('etc/nginx/nginx.conf', nginxMain(`include ${device};\nserver { listen 80; location / { auth_basic "x"; auth_basic_user_file ${device}; } }`));
    const run = runTraced([path.join(box.root, 'etc/nginx'), '-f', 'json'], { timeoutMs: 10_000 });
    expectContained(run, box);
    expect(run.stdout).toContain('not a regular file');
  });

  test.each([
    ['unclosed {{', 'server {\n{% if a %}\n' + '{{ x'.repeat(300_000) + '\n}\n'],
    ['unclosed {% if', 'server {\n{% if a %}\n' + '{% if'.repeat(300_000) + '\n}\n'],
    ['a line of many expressions', 'server {\n{% if a %}\n' + '{{x}} '.repeat(300_000) + '\n}\n'],
    ['an unclosed tag in a value', 'server {\n{% if a %}\n    root ' + '{{x'.repeat(300_000) + ';\n}\n'],
  ])('a template with %s is linted in one pass, not in quadratic time', (_name, text) => {
    box.write('etc/nginx/conf.d/site.conf.j2', text);
    const run = runTraced(['--root', box.root, path.join(box.root, 'etc/nginx/conf.d/site.conf.j2'), '-f', 'json'], { timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expectContained(run, box);
  });

  test.each([
    ['a fragment beside an nginx.conf of blank lines', 'etc/nginx/nginx.conf', 'etc/nginx/conf.d/site.conf'],
    ['a main nginx.conf of blank lines (the checkout test reads its includes)', 'etc/nginx/nginx.conf', 'etc/nginx'],
    ['an apache2.conf of blank lines (the checkout test reads its ServerRoot)', 'etc/apache2/apache2.conf', 'etc/apache2'],
  ])('%s is read in linear time', (_name, bigFile, target) => {
    box.write(bigFile, (bigFile.endsWith('apache2.conf') ? '' : 'events {}\n') + '\n'.repeat(1_000_000) + (bigFile.endsWith('apache2.conf') ? 'ServerName x\n' : ''));
    box.write('etc/nginx/conf.d/site.conf', 'server { listen 80; location /admin/ { auth_basic "x"; } }\n');
    const run = runTraced([path.join(box.root, target), '-f', 'json'], { timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
  });

  test.each([['}'], [';'], ['"'], ["'"]])('a file of 400,000 %s gives a bounded report: 100 syntax errors and a count, excerpts cut to a window', (ch) => {
    box.write('etc/nginx/conf.d/junk.conf', 'server {\n listen 80;\n' + ch.repeat(400_000) + '\n}\n');
    for (const format of ['stylish', 'json']) {
      const run = runTraced(['--type', 'nginx', path.join(box.root, 'etc/nginx/conf.d/junk.conf'), '-f', format], { timeoutMs: 20_000 });
      expect(run.timedOut).toBe(false);
      expect(run.stdout.length).toBeLessThan(1_000_000);
      expect(run.stderr).not.toContain('internal error');
    }
  });

  // Repeated lines, not characters: each was quadratic somewhere (a comment's "next code line"
  // searched from the comment on; "is auth on here" scanned the level's 30,000 rewrites per
  // rewrite; Apache's backslash continuation re-read the growing line per part) — past 60 s.
  test.each([
    ['nginx', '#\n'],
    ['nginx', 'rewrite ^ /x;\n'],
    ['nginx', '# authlint-disable-next-line nginx/unknown-directive -- x\n'],
    ['apache', '#\n'],
    ['htpasswd', '#\n'],
    ['htpasswd', '# authlint-disable-line htpasswd/md5-based -- x\nu:$apr1$abcdefgh$0123456789abcdefghijkl\n'],
    ['htpasswd', 'a\\\n'],
    ['htpasswd', ':\n'],
  ])('a %s file of 400 KB of %j lines ends in bounded time', (type, line) => {
    box.write('junk', line.repeat(Math.ceil(400_000 / line.length)));
    const run = runTraced(['--type', type, path.join(box.root, 'junk'), '-f', 'json'], { timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout.length).toBeLessThan(10_000_000); // one finding per line at most (unused suppressions)
  });

  test('a password file with a line over Apache’s buffer and then 5,000,000 lines without a colon ends in bounded time', () => {
    // Counting the users below the long line searched the rest of the window per line (12 s for
    // 2,000,000 lines, ~30 s for these).
    box.write('etc/nginx/htpasswd', `a:${'x'.repeat(9000)}\n${'a\n'.repeat(5_000_000)}`);
    // ~8 s alone, ~11 s under the harness; the quadratic version did not end within 20 s.
    const run = runTraced(['--type', 'htpasswd', path.join(box.root, 'etc/nginx/htpasswd'), '-f', 'json'], { timeoutMs: 30_000 });
    expect(run.timedOut).toBe(false);
    expect(run.stdout).toContain('htpasswd/overlong-line-apache');
  });

  test('a password file of 40 MB (read in windows) with a 6 MiB line is linted up to that line, in bounded memory', () => {
    const lines = 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n'.repeat(800_000);
    box.write('etc/nginx/htpasswd', `${lines}a:${'x'.repeat(6 * 1024 * 1024)}\nb:c\n`);
    const run = runTraced(['--type', 'htpasswd', path.join(box.root, 'etc/nginx/htpasswd'), '-f', 'json'], { timeoutMs: 60_000 });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toContain('line 800001 is longer than 4194304 bytes: linted as a password file up to it');
    expect(run.stdout).toContain('htpasswd/duplicate-user');
    expect(run.stdout).not.toContain('xxxxxxxx');
  });

  test('an endless stream on standard input ends with an error', () => {
    const run = runTraced(['-'], { input: Buffer.alloc(80 * 1024 * 1024, 0x61), timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('larger than');
  });
});

describe('the nginx -T temp directory never outlives the run', () => {
  const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-tmpdir-'));
  const dumpOf = (files: [string, string][]) => files.map(([file, text]) => `# configuration file ${file}:\n${text}\n`).join('');

  test.each([
    ['a path that is both a file and a directory (EEXIST/ENOTDIR)', [['/etc/nginx/nginx.conf', nginxMain('include a;')], ['/etc/nginx/a', 'x;'], ['/etc/nginx/a/b', 'y;']]],
    ['a directory path (EISDIR)', [['/etc/nginx/nginx.conf', nginxMain('')], ['/etc/nginx/', 'x;']]],
    ['a name too long (ENAMETOOLONG)', [['/etc/nginx/nginx.conf', nginxMain('')], [`/etc/nginx/${'n'.repeat(300)}`, 'x;']]],
    ['paths that climb with ..', [['/etc/nginx/nginx.conf', nginxMain('')], ['/../../../../etc/cron.d/x', 'x;']]],
  ] as [string, [string, string][]][])('%s', (_name, files) => {
    const dir = tmp();
    try {
      const run = runTraced(['-', '-f', 'json'], { input: dumpOf(files), env: { TMPDIR: dir } });
      expect(run.timedOut).toBe(false);
      expect(run.stderr).not.toContain('internal error');
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('removed on %s', async (signal) => {
    const dir = tmp();
    try {
      // A dump large enough that the run is still going when the signal comes.
      const servers = Array.from({ length: 4000 }, (_, i) => `server { listen ${8000 + (i % 1000)}; server_name s${i}.example; location /a${i} { auth_basic "x"; auth_basic_user_file /etc/nginx/h${i}; } }`).join('\n');
      const dump = dumpOf([['/etc/nginx/nginx.conf', nginxMain('include /etc/nginx/conf.d/*.conf;')], ...Array.from({ length: 60 }, (_, i) => [`/etc/nginx/conf.d/f${i}.conf`, servers.slice(0, 20_000)] as [string, string])]);
      const child = spawn(process.execPath, [BIN, '-', '-f', 'json'], { env: { PATH: process.env.PATH ?? '', TMPDIR: dir }, stdio: ['pipe', 'ignore', 'ignore'] });
      child.stdin.end(dump);
      const deadline = Date.now() + 15_000;
      while (fs.readdirSync(dir).length === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code === null || code >= 0).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resource bombs become findings, and the run goes on', () => {
  test('Apache sections 6,000 deep', () => {
    const deep = '<IfDefine X>\n'.repeat(6000) + 'ServerName x\n' + '</IfDefine>\n'.repeat(6000);
    box.write('etc/apache2/apache2.conf', apacheMain(`${deep}\n<Directory /var/www/admin>\nAuthType Basic\nRequire valid-user\n</Directory>`));
    const run = lintRoot('json', 'etc/apache2');
    expectContained(run, box);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('nested more than');
    expect(run.stdout).toContain('apache/missing-authname');
  });

  test('nginx blocks 6,000 deep', () => {
    box.write('etc/nginx/nginx.conf', nginxMain('location / {'.repeat(6000) + '}'.repeat(6000)));
    const run = lintRoot('json', 'etc/nginx');
    expectContained(run, box);
    expect(run.status).toBe(1);
  });

  test('a Define doubling storm', () => {
    box.write('etc/apache2/apache2.conf', apacheMain('Define A xxxxxxxxxxxxxxxx\n' + 'Define A ${A}${A}${A}${A}\n'.repeat(60) + 'ServerName ${A}\n<Directory /var/www/admin>\nAuthType Basic\nRequire valid-user\n</Directory>'));
    const run = lintRoot('json', 'etc/apache2');
    expectContained(run, box);
    expect(run.stdout).toContain('generic/limit-reached');
    expect(run.stdout).toContain('apache/missing-authname');
  });
});

describe('usage errors never echo a password', () => {
  test.each([
    [['passwd', 'check', 'FILE', 'alice', MARKER]],
    [['passwd', 'check', 'FILE', 'alice', MARKER, 'more']],
    [['explain', 'CONFIG', 'http://x/', MARKER]],
  ])('%j', (args) => {
    const file = box.write('etc/nginx/htpasswd', 'alice:$apr1$Zr4Lq9x2$1bQ5ZkqVh3m0PZf6sKJ2w.\n');
    const run = runTraced(args.map((a) => (a === 'FILE' ? file : a === 'CONFIG' ? box.root : a)));
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(MARKER);
    expect(run.stderr).toContain('too many');
  });
});
