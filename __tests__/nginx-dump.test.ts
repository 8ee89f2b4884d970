import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseNginxDump } from '../src/discover/nginx-dump';
import { runCli } from './helpers/cli';
import { cleanupFixtures, lintFixture, fixturePath } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/** The format nginx -T writes: a header line, the file's text, a line feed of its own. */
const dumpOf = (files: [string, string][]) => files.map(([name, text]) => `# configuration file ${name}:\n${text}\n`).join('');

afterAll(cleanupFixtures);

describe('nginx -T dumps', () => {
  test('every file comes back byte for byte, with or without a final line feed', () => {
    const files: [string, string][] = [
      ['/etc/nginx/nginx.conf', 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n'],
      ['/etc/nginx/conf.d/a.conf', 'server { listen 80; }'],
      ['/etc/nginx/conf.d/b.conf', '\n\n# only a comment\n\n'],
    ];
    expect(parseNginxDump(dumpOf(files))).toEqual(files.map(([name, text]) => ({ path: name, text })));
    expect(parseNginxDump('hello\n')).toEqual([]);
  });

  test('authlint - lints the dump under the files’ own paths, reads password files from this machine, and leaves nothing behind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'htpasswd'), 'alice:{PLAIN}s3cret-pass\n');
      const main = `${dir}/nginx.conf`;
      const dump = dumpOf([
        [main, `events {}\nhttp {\n    include ${dir}/sites/*;\n}\n`],
        [`${dir}/sites/app`, `server {\n    listen 80;\n    location /admin/ {\n        auth_basic "Admin";\n        auth_basic_user_file ${dir}/htpasswd;\n    }\n    location /ops/ {\n        auth_basic "Ops";\n        auth_basic_user_file ${dir}/missing;\n    }\n}\n`],
      ]);
      const before = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('authlint-dump-')).length;
      const result = runCli(['-', '-f', 'json'], { input: dump });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      const findings = JSON.parse(result.stdout).findings.map((f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line}`);
      expect(findings).toContain(`nginx/auth-file-missing ${dir}/sites/app:9`);
      expect(findings).toContain(`htpasswd/plain-scheme ${dir}/htpasswd:1`);
      // The dumped files are not on this disk: nothing may be said about their paths being absent.
      expect(findings.filter((f: string) => f.includes('include-missing'))).toEqual([]);
      expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('authlint-dump-')).length).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('authlint explain - URL explains against the dump, naming its files by their own paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'htpasswd'), 'alice:{PLAIN}s3cret-pass\n');
      const dump = dumpOf([[`${dir}/nginx.conf`, `events {}\nhttp {\n    server {\n        listen 8080;\n        location /admin/ {\n            auth_basic "Admin";\n            auth_basic_user_file ${dir}/htpasswd;\n        }\n    }\n}\n`]]);
      const result = runCli(['explain', '-', 'http://localhost:8080/admin/', '-f', 'json'], { input: dump });
      expect(result.stderr).toBe('');
      const json = JSON.parse(result.stdout);
      expect(json.predicted.anonymous.status).toBe(401);
      expect(json.location).toMatchObject({ file: `${dir}/nginx.conf`, line: 5 });
      expect(json.auth.userFile).toMatchObject({ path: `${dir}/htpasswd`, state: 'file' });
      expect(runCli(['explain', '-', 'http://localhost:8080/', '--user', 'alice'], { input: dump })).toMatchObject({ status: 2, stderr: expect.stringContaining('--user reads the password from standard input') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('input that is not a dump, other paths beside "-", and --root are usage errors', () => {
    expect(runCli(['-'], { input: 'server { listen 80; }\n' })).toMatchObject({ status: 2, stderr: expect.stringContaining('not an nginx -T dump') });
    expect(runCli(['-', 'fixtures'], { input: '' }).status).toBe(2);
    expect(runCli(['-', '--root', 'fixtures'], { input: '' })).toMatchObject({ status: 2, stderr: expect.stringContaining('--root cannot be used') });
  });
});

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('nginx -T | authlint - on fixtures, with a real nginx', () => {
  const fixtures = ['nginx/regex-location-bypass/bad', 'nginx/auth-file-missing/bad', 'nginx/satisfy-any-allow-bypass/bad', 'nginx/include-scope-mistake/bad', 'htpasswd/utf8-bom/bad'];
  test.each(fixtures)('%s: the same findings as linting the tree', async (fixture) => {
    const server = await RealNginx.prepare(nginx as string, fixturePath(fixture));
    try {
      const dump = spawnSync(nginx as string, ['-T', '-q', '-p', `${server.dir}/`, '-c', path.join(server.dir, 'etc/nginx/nginx.conf'), '-g', `pid ${server.dir}/nginx.pid; error_log ${server.dir}/error.log;`], { encoding: 'utf8' });
      expect(dump.status).toBe(0);
      // The dump's password files are read on this machine, with their real modes; a git tree
      // linted with --root has none to judge (see htpasswd/file-permissions-too-open).
      const permissions = /^htpasswd\/file-(permissions-too-open|wrong-owner|not-readable-by-worker) /;
      const viaDump = JSON.parse(runCli(['-', '-f', 'json'], { input: dump.stdout }).stdout)
        .findings.map((f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file.replace(server.dir, '')}:${f.line}`)
        .filter((f: string) => !permissions.test(f));
      const direct = lintFixture(fixture).findings.map((f) => `${f.ruleId} ${f.file.replace(fs.realpathSync(fixturePath(fixture)), '')}:${f.line}`);
      // The tree also holds files nginx never reads (site files not enabled): compare what the dump holds.
      expect(viaDump.sort()).toEqual(direct.filter((f) => viaDump.some((v: string) => v.split(':')[0].split(' ')[1] === f.split(':')[0].split(' ')[1])).sort());
      expect(viaDump.length).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
