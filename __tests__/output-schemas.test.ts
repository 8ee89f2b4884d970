import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/cli';
import { cleanupFixtures, fixtureRoot, fixturePath, ruleFixtureNames } from './helpers/fixtures';

/**
 * The machine-readable outputs hold to their contracts: SARIF validates against the official
 * SARIF 2.1.0 schema (as GitHub code scanning reads it), and --format json, explain --format
 * json and rules --format json against the schemas shipped in schemas/.
 */

afterAll(cleanupFixtures);

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const SARIF_SCHEMA = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The official SARIF 2.1.0 schema is written in JSON Schema draft-04.
// Its "language" pattern is not valid with the u flag, so patterns are compiled without it.
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(SARIF_SCHEMA);
const schema = (name: string) => ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../schemas', name), 'utf8')));
const validateReport = schema('report.schema.json');
const validateExplain = schema('explain.schema.json');

async function run(args: string[]): Promise<string> {
  let stdout = '';
  await main(args, { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: process.cwd(), stdoutIsTTY: false, stdin: () => '' });
  return stdout;
}

const trees = ['nginx', 'apache', 'htpasswd', 'generic'].flatMap((server) =>
  ruleFixtureNames(server).flatMap((rule) => ['bad', 'good'].map((kind) => `${server}/${rule}/${kind}`)).filter((tree) => fs.existsSync(fixturePath(tree))),
);

function lintArgs(tree: string): string[] {
  const root = fixtureRoot(tree);
  return ['--root', root, ...['etc/nginx', 'etc/apache2'].map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir))];
}

describe('SARIF validates against the official SARIF 2.1.0 schema', () => {
  test.each(trees)('%s', async (tree) => {
    const sarif = JSON.parse(await run([...lintArgs(tree), '-f', 'sarif']));
    const valid = validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    for (const rule of sarif.runs[0].tool.driver.rules) {
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
    }
  });
});

describe('--format json validates against schemas/report.schema.json', () => {
  test.each(trees)('%s', async (tree) => {
    const report = JSON.parse(await run([...lintArgs(tree), '-f', 'json']));
    validateReport(report);
    expect(validateReport.errors ?? []).toEqual([]);
  });
});

let explained = 0;

describe('explain --format json validates against schemas/explain.schema.json', () => {
  const cases: [string, string, string][] = [];
  for (const tree of trees) {
    for (const [dir, kind] of [['etc/nginx', 'nginx'], ['etc/apache2', 'apache']]) {
      if (fs.existsSync(fixturePath(tree, dir, kind === 'nginx' ? 'nginx.conf' : 'apache2.conf'))) cases.push([tree, dir, kind]);
    }
  }
  test.each(cases)('%s (%s)', async (tree, dir) => {
    const root = fixtureRoot(tree);
    for (const url of ['http://localhost/', 'http://localhost/admin/', 'http://localhost:8080/admin/x.php']) {
      const out = await run(['explain', path.join(root, dir), url, '--root', root, '-f', 'json']);
      if (out === '') continue; // a config that cannot be explained (it does not load) is a usage error
      explained++;
      const explanation = JSON.parse(out);
      validateExplain(explanation);
      expect({ url, errors: validateExplain.errors ?? [] }).toEqual({ url, errors: [] });
    }
  });
});

test('the explain schema was checked on real explanations, not skipped', () => {
  expect(explained).toBeGreaterThan(300);
});

test('rules --format json lists every rule with an absolute docs URL', async () => {
  const out = JSON.parse(await run(['rules', '-f', 'json']));
  expect(out.formatVersion).toBe(1);
  expect(out.rules.length).toBeGreaterThan(90);
  for (const rule of out.rules) expect(rule.docsUrl).toMatch(/^https:\/\/.*\/docs\/rules\/[a-z]+\/[a-z0-9-]+\.md$/);
});
