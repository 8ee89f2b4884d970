import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, runCli } from './helpers/cli';
import { makeTree, removeTree } from './helpers/tree';

const fixture = (relative: string) => `src/rules/${relative}`;
const lintArgs = (relative: string) => ['--root', fixture(relative), `${fixture(relative)}/etc/nginx`];

describe('exit codes', () => {
  test('0 when nothing reaches the threshold', () => {
    expect(runCli(lintArgs('nginx/auth-file-missing/good')).status).toBe(0);
  });

  test('1 when a finding reaches --fail-on (default warning); info alone does not', () => {
    expect(runCli(lintArgs('nginx/auth-file-missing/bad')).status).toBe(1);
    expect(runCli(lintArgs('nginx/site-not-enabled/bad')).status).toBe(0);
    expect(runCli([...lintArgs('nginx/site-not-enabled/bad'), '--fail-on', 'info']).status).toBe(1);
    expect(runCli([...lintArgs('nginx/auth-file-missing/bad'), '--rule', 'nginx/auth-file-missing=info', '--rule', 'nginx/auth-file-relative-path=off']).status).toBe(0);
  });

  test('2 for usage errors, with a message and no stack trace', () => {
    for (const args of [[], ['--format', 'xml', 'fixtures'], ['--rule', 'nope', 'fixtures'], ['--rule', 'nginx/nope=off', 'fixtures'], ['--root', 'does-not-exist', 'fixtures'], ['--bogus', 'fixtures']]) {
      const result = runCli(args);
      expect({ args, status: result.status }).toEqual({ args, status: 2 });
      expect(result.stderr).toMatch(/authlint: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('2 when a given path does not exist, 3 when there is nothing to lint', () => {
    const missing = runCli(['no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-empty-'));
    const nothing = runCli([empty]);
    expect(nothing.status).toBe(3);
    expect(nothing.stderr).toContain('nothing to lint');
    removeTree(empty);
  });
});

describe('JSON output', () => {
  test('has the documented shape and exact positions on the bundled examples', () => {
    const result = runCli(['--root', 'examples', 'examples/etc/nginx', '--format', 'json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['formatVersion', 'tool', 'findings', 'files']);
    expect(report.formatVersion).toBe(1);
    const byRule = Object.fromEntries(report.findings.map((f: { ruleId: string }) => [f.ruleId, f]));
    expect(byRule['nginx/auth-basic-without-user-file']).toMatchObject({
      severity: 'error',
      file: path.resolve('examples/etc/nginx/sites-available/shop'),
      line: 12,
      column: 9,
      endLine: 12,
      endColumn: 39,
    });
    expect(byRule['nginx/auth-file-missing']).toMatchObject({
      file: path.resolve('examples/etc/nginx/snippets/staff-auth.conf'),
      line: 3,
      column: 22,
      endLine: 3,
      endColumn: 47,
    });
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(
        ['column', 'docsUrl', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'ruleId', 'severity', ...(finding.fix ? ['fix'] : [])].sort(),
      );
    }
    expect(byRule['nginx/auth-file-missing'].related).toEqual([
      { file: path.resolve('examples/etc/nginx/sites-available/shop'), line: 17, column: 9, message: 'included from /etc/nginx/sites-enabled/shop:17' },
      { file: path.resolve('examples/etc/nginx/nginx.conf'), line: 18, column: 5, message: 'included from /etc/nginx/nginx.conf:18' },
    ]);
    const types = Object.fromEntries(report.files.map((f: { file: string; type: string }) => [path.relative(process.cwd(), f.file), f.type]));
    expect(types['examples/etc/nginx/nginx.conf']).toBe('nginx');
    expect(types['examples/etc/nginx/htpasswd']).toBe('htpasswd');
  });
});

describe('stylish output', () => {
  test('shows the line with a caret, the fix and the commands; no colour when not a terminal', () => {
    const result = runCli(lintArgs('nginx/auth-basic-without-user-file/bad'));
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).toContain('9:13');
    expect(result.stdout).toContain('9 |             auth_basic "Admin area";');
    expect(result.stdout).toContain('  |             ^^^^^^^^^^^^^^^^^^^^^^^^');
    expect(result.stdout).toContain('then run: nginx -t && systemctl reload nginx');
    expect(result.stdout).toContain('docs: https://github.com/authlint/authlint/blob/main/docs/rules/nginx/auth-basic-without-user-file.md');
    expect(result.stdout).toMatch(/✖ 3 problems \(3 errors, 0 warnings, 0 info\)/);
  });

  test('a long line is shown as a window around the finding, with the caret under it', () => {
    const dir = makeTree({ 'site.conf': `server {\n    add_header X-Pad "${'a'.repeat(5000)}" always; proxy_passs http://x;\n}\n` });
    try {
      const out = runCli(['--type', 'nginx', path.join(dir, 'site.conf')]).stdout.split('\n');
      const excerpt = out.findIndex((line) => line.includes('2 | …'));
      expect(excerpt).toBeGreaterThan(0);
      const [text, caret] = [out[excerpt], out[excerpt + 1]];
      expect(text.length).toBeLessThan(200);
      expect(text.slice(caret.indexOf('^'), caret.indexOf('^') + 'proxy_passs'.length)).toBe('proxy_passs');
    } finally {
      removeTree(dir);
    }
  });

  test('FORCE_COLOR turns colour on, NO_COLOR and --no-color turn it off', () => {
    expect(runCli(lintArgs('nginx/auth-file-missing/bad'), { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(lintArgs('nginx/auth-file-missing/bad'), { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    expect(runCli([...lintArgs('nginx/auth-file-missing/bad'), '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('SARIF and GitHub output', () => {
  test('SARIF 2.1.0 with rules and exact regions', () => {
    const result = runCli([...lintArgs('nginx/auth-file-missing/bad'), '-f', 'sarif']);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('nginx/auth-file-missing');
    expect(run.results[0]).toMatchObject({
      ruleId: 'nginx/auth-file-missing',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/rules/nginx/auth-file-missing/bad/etc/nginx/nginx.conf', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 34, endLine: 10, endColumn: 52 } } }],
    });
  });

  test('SARIF: a fix that is only commands has no empty "Suggested fix" block', () => {
    const result = runCli([...lintArgs('htpasswd/duplicate-user/bad'), '-f', 'sarif']);
    const texts: string[] = JSON.parse(result.stdout).runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'htpasswd/duplicate-user').map((r: { message: { text: string } }) => r.message.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain('Suggested fix:');
      expect(text).toMatch(/\n\nRun: \S/);
    }
  });

  test('github annotations', () => {
    const result = runCli([...lintArgs('nginx/auth-file-missing/bad'), '-f', 'github']);
    expect(result.stdout.split('\n')[0]).toMatch(/^::error file=src\/rules\/nginx\/auth-file-missing\/bad\/etc\/nginx\/nginx.conf,line=10,col=34,endLine=10,endColumn=52,title=nginx\/auth-file-missing::auth_basic_user_file/);
  });

  test('--output writes the report to a file', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-out-')), 'report.json');
    try {
      const result = runCli([...lintArgs('nginx/auth-file-missing/bad'), '-f', 'json', '-o', out]);
      expect(result.stdout).toBe('');
      expect(JSON.parse(fs.readFileSync(out, 'utf8')).findings).toHaveLength(3);
    } finally {
      removeTree(path.dirname(out));
    }
  });
});

describe('start-up', () => {
  test('the executable runs the bundle with the code cache the build made, and V8 accepts it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadCli, BUNDLE } = require('../bin/bundle-loader') as { loadCli(): { cli: unknown; script?: { cachedDataRejected?: boolean } }; BUNDLE: string };
    expect(fs.existsSync(BUNDLE)).toBe(true);
    const { script } = loadCli();
    expect(script?.cachedDataRejected).toBe(false);
  });
});

describe('robustness', () => {
  test('a reader that stops early (| head -c 1) gets no stack trace, and the exit code still tells the findings', () => {
    // Far more output than a pipe buffers (64 KiB), so the pipe closes while authlint writes.
    const locations = Array.from({ length: 1500 }, (_, i) => `  location /a${i}/ { auth_basic "x"; }`).join('\n');
    const dir = makeTree({ 'etc/nginx/nginx.conf': `events {}\nhttp {\nserver {\n${locations}\n}\n}\n` });
    const result = spawnSync('bash', ['-c', `"${process.execPath}" bin/authlint.js --root ${dir} ${dir}/etc/nginx | head -c 1 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { cwd: REPO, encoding: 'utf8' });
    removeTree(dir);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('rc=1');
  });

  test('a broken file never crashes the run or hides the other files, and no file is modified', () => {
    const dir = makeTree({
      'etc/nginx/nginx.conf': 'events {}\nhttp { include conf.d/*.conf; }\n',
      'etc/nginx/conf.d/a.conf': 'server { location / { auth_basic "x"; \u0000 \n',
      'etc/nginx/conf.d/b.conf': 'server {\n  location /b/ { auth_basic "B"; }\n}\n',
    });
    const before = fs.readFileSync(path.join(dir, 'etc/nginx/conf.d/a.conf'));
    const result = runCli(['--root', dir, path.join(dir, 'etc/nginx'), '-f', 'json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const rules = JSON.parse(result.stdout).findings.map((f: { ruleId: string; file: string }) => `${path.basename(f.file)} ${f.ruleId}`);
    expect(rules).toContain('a.conf nginx/syntax');
    expect(rules).toContain('b.conf nginx/auth-basic-without-user-file');
    expect(fs.readFileSync(path.join(dir, 'etc/nginx/conf.d/a.conf'))).toEqual(before);
    removeTree(dir);
  });

  test('an unrecognised file named explicitly is reported, --type forces the kind', () => {
    const dir = makeTree({ 'notes.txt': 'hello\n', 'site.txt': 'server {\n  location / { auth_basic "x"; }\n}\n' });
    const unknown = runCli([path.join(dir, 'notes.txt')]);
    expect(unknown.status).toBe(3); // nothing to lint
    expect(unknown.stderr).toContain('not recognised');
    const forced = runCli(['--type', 'nginx', path.join(dir, 'notes.txt'), path.join(dir, 'site.txt'), '-f', 'json']);
    const ids = JSON.parse(forced.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain('nginx/syntax');
    expect(ids).toContain('nginx/auth-basic-without-user-file');
    removeTree(dir);
  });

  test('rules lists every rule; --help and --version work', () => {
    expect(runCli(['rules']).stdout).toContain('nginx/auth-basic-without-user-file');
    expect(runCli(['--help']).stdout).toContain('--fail-on');
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('command-line parsing', () => {
  const bad = lintArgs('nginx/auth-file-missing/bad');
  test('--rule does not swallow the paths after it, in every spelling; -- ends the options', () => {
    const expected = runCli([...bad, '--rule', 'nginx/auth-file-missing=off']);
    for (const args of [
      ['--rule', 'nginx/auth-file-missing=off', ...bad],
      [`--rule=nginx/auth-file-missing=off`, ...bad],
      ['--rule', 'nginx/auth-file-missing=off', '--root', fixture('nginx/auth-file-missing/bad'), '--', `${fixture('nginx/auth-file-missing/bad')}/etc/nginx`],
    ]) {
      const result = runCli(args);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: expected.status, stderr: '' });
      expect(result.stdout).toBe(expected.stdout);
      expect(result.stdout).not.toContain('nginx/auth-file-missing ');
    }
  });

  test('a missing path prints no "no problems" report; -o into a missing directory is a usage error', () => {
    const missing = runCli(['does/not/exist']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no such file or directory');
    const output = runCli([...bad, '-o', 'no/such/dir/report.txt']);
    expect(output.status).toBe(2);
    expect(output.stderr).toContain('cannot write the report');
    expect(output.stderr).not.toContain('internal error');
  });

  test('-v prints the version; explain --help describes -X and both servers', () => {
    expect(runCli(['-v']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCli(['explain', '--help']).stdout;
    expect(help).toMatch(/-X, --method\s+the request method/);
    expect(help).toContain('apache2.conf');
  });
});
