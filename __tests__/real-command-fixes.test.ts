import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { cleanupFixtures, fixtureRoot, ruleFixtureNames } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * Fixes given as commands (sed, chmod, chown, htpasswd) are applied literally to a copy of each
 * bad fixture — the command as authlint prints it, with the server's paths pointed at the copy,
 * USERNAME read as alice, and the password on stdin (htpasswd -i, openssl passwd -stdin; the printed command prompts) —
 * and then: authlint is silent on the fixed tree, and the real server logs alice in. Fixes that
 * also need a config edit (mv, a2enmod) are checked through the hand-made good fixtures instead.
 */
const PASSWORD = 's3cret-pass';
const TEST_AND_RELOAD = /^(nginx -t|systemctl |apachectl |httpd -t)/;

interface Case {
  readonly fixture: string;
  readonly rule: string;
  readonly commands: string[];
}

function commandFixes(): Case[] {
  const cases: Case[] = [];
  for (const kind of ['nginx', 'apache', 'htpasswd']) {
    for (const rule of ruleFixtureNames(kind)) {
      const fixture = `${kind}/${rule}/bad`;
      const root = fixtureRoot(fixture);
      const trees = ['etc/nginx', 'etc/apache2'].map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir));
      const findings = lint(trees, { root }).findings.filter((f) => f.ruleId === `${kind}/${rule}` && f.fix);
      // A fix with a snippet also edits the config: the good fixture stands for it.
      if (findings.some((f) => f.fix?.snippet)) continue;
      const commands = [...new Set(findings.flatMap((f) => f.fix?.commands ?? []).filter((c) => !TEST_AND_RELOAD.test(c)))];
      if (commands.length === 0 || commands.some((c) => /^(mv|a2enmod|iconv) /.test(c))) continue;
      cases.push({ fixture, rule: `${kind}/${rule}`, commands });
    }
  }
  return cases;
}

/** The printed command, run on the copy: server paths under `dir`, htpasswd reading the password from stdin. */
function apply(command: string, dir: string): void {
  const local = command
    .replace(/(^|\s)\/(etc|var)\//g, `$1${dir}/$2/`)
    .replace(/\bUSERNAME\b/g, 'alice')
    .replace(/(^|; )htpasswd (?!-D)/g, '$1htpasswd -i ')
    .replace(/openssl passwd -6\)/g, 'openssl passwd -6 -stdin)');
  // Only a command that reads a password gets one on stdin: one that does not (chown, chmod) may
  // exit before the write, which then fails with EPIPE (seen on a loaded machine).
  const readsStdin = /htpasswd -i |-stdin\)/.test(local);
  execFileSync('sh', ['-c', local], readsStdin ? { input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'pipe'] } : { stdio: ['ignore', 'ignore', 'pipe'] });
}

const CASES = commandFixes();
const nginx = findNginx();
const apache = findApache();
afterAll(cleanupFixtures);

(requireServerOrSkip(nginx, 'nginx') && requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('command fixes, applied as printed', () => {
  test('there are command fixes to check', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  test.each(CASES.map((c) => [c.rule, c] as const))('%s', async (_rule, { fixture, rule, commands }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-fix-'));
    try {
      fs.cpSync(fixtureRoot(fixture), dir, { recursive: true, verbatimSymlinks: true });
      // cpSync keeps modes but not owners: the fixture's modes.json gives both.
      const modes = path.join(dir, 'modes.json');
      if (fs.existsSync(modes)) for (const [file, want] of Object.entries<{ mode: string; uid: number; gid: number }>(JSON.parse(fs.readFileSync(modes, 'utf8')))) fs.chownSync(path.join(dir, file), want.uid, want.gid);
      for (const command of commands) apply(command, dir);
      // The harness gives the server's copy the modes modes.json lists: record the fixed ones.
      if (fs.existsSync(modes)) {
        const fixed = Object.fromEntries(Object.keys(JSON.parse(fs.readFileSync(modes, 'utf8'))).map((file) => {
          const stat = fs.statSync(path.join(dir, file));
          return [file, { mode: (stat.mode & 0o7777).toString(8).padStart(4, '0'), uid: stat.uid, gid: stat.gid }];
        }));
        fs.writeFileSync(modes, JSON.stringify(fixed));
      }
      const trees = ['etc/nginx', 'etc/apache2'].map((sub) => path.join(dir, sub)).filter((sub) => fs.existsSync(sub));
      const left = lint(trees, { root: dir }).findings.map((f) => `${f.ruleId} ${path.relative(dir, f.file)}:${f.line} ${f.message.slice(0, 90)}`);
      expect({ rule, commands, left }).toEqual({ rule, commands, left: [] });
      const server = fs.existsSync(path.join(dir, 'etc/nginx/nginx.conf')) ? await RealNginx.prepare(nginx as string, dir) : await RealApache.prepare(apache as string, dir);
      try {
        await server.start();
        expect((await server.request('/admin/', { user: 'alice', password: PASSWORD })).status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
