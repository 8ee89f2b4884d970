import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './helpers/cli';
import { findTool } from './helpers/tools';

/**
 * The shipped hook (.pre-commit-hooks.yaml) installed and run by the real pre-commit (Debian's
 * package), as a config repository would use it: `repo:` this checkout at its HEAD commit, so
 * pre-commit clones it, installs it with npm (install, pack, install -g) and runs it on the
 * staged files. Uncommitted changes of this checkout are not what it tests: commit first.
 */

const PRE_COMMIT = findTool('pre-commit');
const describeReal = PRE_COMMIT ? describe : process.env.CI === 'true' ? describe : describe.skip;
if (!PRE_COMMIT) {
  if (process.env.CI === 'true') throw new Error('pre-commit is required under CI=true (apt-get install pre-commit)');
  console.warn('real-pre-commit: SKIPPED — pre-commit is not installed (apt-get install pre-commit)');
}

const HASH = '$6$rounds=100000$saltsaltsalt$'; // shape only; the good file gets a real hash below

describeReal('the pre-commit hook, installed and run by pre-commit', () => {
  let home: string;
  let work: string;

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-pc-home-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-pc-repo-'));
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    fs.writeFileSync(path.join(work, '.pre-commit-config.yaml'), `repos:\n  - repo: ${REPO}\n    rev: ${rev}\n    hooks:\n      - id: authlint\n`);
    git('add', '.pre-commit-config.yaml');
  }, 60_000);

  afterAll(() => {
    for (const dir of [home, work]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function git(...args: string[]): void {
    execFileSync('git', args, { cwd: work, stdio: 'ignore' });
  }

  function write(relative: string, text: string, mode = 0o644): string {
    const file = path.join(work, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    fs.chmodSync(file, mode);
    git('add', relative);
    return relative;
  }

  function runHook(files: string[]): { status: number | null; output: string } {
    const result = spawnSync(PRE_COMMIT as string, ['run', '--files', ...files], {
      cwd: work,
      env: { ...process.env, PRE_COMMIT_HOME: home },
      encoding: 'utf8',
      timeout: 600_000,
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  test('it installs, and a correct site file and password file pass (with git\'s 0644 mode)', () => {
    const hash = execFileSync('htpasswd', ['-n', '-i', '-5', '-r', '100000', 'alice'], { input: 'correct horse\n', encoding: 'utf8' }).trim();
    expect(hash).toMatch(/^alice:\$6\$/);
    const site = write('etc/nginx/sites-available/admin.conf', 'server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/certs/site.pem;\n    ssl_certificate_key /etc/ssl/private/site.key;\n    location /admin/ {\n        auth_basic "Admin";\n        auth_basic_user_file /etc/nginx/htpasswd;\n    }\n}\n');
    const htpasswd = write('etc/nginx/htpasswd', `${hash}\n`);
    const run = runHook([site, htpasswd]);
    expect(run.output).not.toContain('npm error');
    expect(run.output).toMatch(/authlint.*Passed/);
    expect(run.status).toBe(0);
  }, 600_000);

  test('a site file that protects nothing fails the hook', () => {
    const site = write('etc/nginx/sites-available/open.conf', 'server {\n    listen 80;\n    location /admin/ {\n        auth_basic "Admin";\n    }\n}\n');
    const run = runHook([site]);
    expect(run.status).toBe(1);
    expect(run.output).toContain('nginx/auth-basic-without-user-file');
  }, 600_000);

  test('a password file with a plaintext password fails the hook, and the hash shape is never printed', () => {
    const htpasswd = write('etc/nginx/htpasswd.staff', `alice:plain-secret-pw\nbob:${HASH}abc\n`);
    const run = runHook([htpasswd]);
    expect(run.status).toBe(1);
    expect(run.output).toContain('htpasswd/plaintext-password');
    expect(run.output).not.toContain('plain-secret-pw');
  }, 600_000);
});
