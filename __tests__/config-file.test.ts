import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers/cli';

/**
 * Configuration files as ESLint/stylelint users expect them: found walking up from each linted
 * path, in JSON, YAML or package.json, validated against schemas/config.schema.json, with the
 * command line winning over them.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-config-'));
  fs.cpSync(path.join(__dirname, '../src/rules/nginx/auth-file-missing/bad'), dir, { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lint = (...extra: string[]) => runCli(['--root', dir, path.join(dir, 'etc/nginx'), '-f', 'json', ...extra], { cwd: dir });
const ruleIds = (stdout: string): string[] => JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId);
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};

test('without a config file: the defaults', () => {
  expect(ruleIds(lint().stdout)).toContain('nginx/auth-file-missing');
});

test.each([
  ['.authlintrc.json', '{"rules": {"nginx/auth-file-missing": "off"}}'],
  ['.authlintrc.yaml', 'rules:\n  nginx/auth-file-missing: off\n'],
  ['package.json', '{"name": "x", "authlint": {"rules": {"nginx/auth-file-missing": "off"}}}'],
])('%s is found walking up from the linted path, and turns a rule off', (name, text) => {
  write(name, text);
  expect(ruleIds(lint().stdout)).not.toContain('nginx/auth-file-missing');
  // --no-config ignores it; --rule on the command line wins over it.
  expect(ruleIds(lint('--no-config').stdout)).toContain('nginx/auth-file-missing');
  expect(ruleIds(lint('--rule', 'nginx/auth-file-missing=info').stdout)).toContain('nginx/auth-file-missing');
});

test('a package.json without an "authlint" key is not a config file', () => {
  write('package.json', '{"name": "x"}');
  write('../.authlintrc.json', '{}'); // outside, above: harmless
  expect(ruleIds(lint().stdout)).toContain('nginx/auth-file-missing');
  fs.rmSync(path.join(dir, '../.authlintrc.json'));
});

test('failOn, root and severities from the file; --config FILE names one explicitly', () => {
  write('conf/authlint.json', JSON.stringify({ root: '..', failOn: 'error', rules: { 'nginx/auth-file-missing': 'warning', 'nginx/auth-file-relative-path': 'warning' } }));
  const run = runCli([path.join(dir, 'etc/nginx'), '--config', path.join(dir, 'conf/authlint.json'), '-f', 'json'], { cwd: dir });
  expect(run.status).toBe(0); // only warnings, and failOn: error
  expect(JSON.parse(run.stdout).findings.every((f: { severity: string }) => f.severity !== 'error')).toBe(true);
});

test('ignore globs and .authlintignore leave files out; overrides set rules per path', () => {
  write('.authlintrc.json', JSON.stringify({ ignore: ['etc/nginx/conf.d/**'], overrides: [{ files: ['etc/nginx/nginx.conf'], rules: { 'nginx/auth-file-relative-path': 'off' } }] }));
  const findings = JSON.parse(lint().stdout).findings as { ruleId: string; file: string }[];
  expect(findings.map((f) => f.ruleId)).not.toContain('nginx/auth-file-relative-path');
  write('.authlintignore', '# every nginx file\netc/nginx/**\n');
  const all = runCli([path.join(dir, 'etc/nginx/nginx.conf')], { cwd: dir });
  expect(all.status).toBe(0);
  expect(all.stderr).toContain('ignored by the configuration');
});

test.each([
  ['{"rules": {"nginx/auth-file-mising": "off"}}', '/rules/nginx/auth-file-mising: no such rule'],
  ['{"rules": {"nginx/auth-file-missing": "of"}}', '/rules/nginx/auth-file-missing: must be one of "error", "warning", "info", "off"'],
  ['{"failon": "error"}', '/failon: unknown key'],
  ['{"rules": [', 'not valid JSON'],
  ['{"ignore": "etc/**"}', '/ignore: must be array'],
])('an invalid config %s is exit 2 with the file, the key and why', (text, why) => {
  write('.authlintrc.json', text);
  const run = lint();
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(path.join(dir, '.authlintrc.json'));
  expect(run.stderr).toContain(why);
  expect(run.stdout).toBe('');
});

test('--quiet reports errors only; --max-warnings fails on too many warnings', () => {
  const all = JSON.parse(lint().stdout).findings as { severity: string }[];
  expect(all.some((f) => f.severity !== 'error')).toBe(true);
  const quiet = JSON.parse(lint('--quiet').stdout).findings as { severity: string }[];
  expect(quiet.length).toBeGreaterThan(0);
  expect(quiet.every((f) => f.severity === 'error')).toBe(true);
  const warningsOnly = ['--rule', 'nginx/auth-file-missing=warning', '--fail-on', 'error'];
  expect(lint(...warningsOnly).status).toBe(0);
  expect(lint(...warningsOnly, '--max-warnings', '0').status).toBe(1);
  expect(lint(...warningsOnly, '--max-warnings', '10').status).toBe(0);
});
