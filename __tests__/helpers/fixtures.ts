import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint, type LintOptions } from '../../src/lint';

/** Fixtures that belong to no rule: explain sites, parser cases, corpus reviews. */
export const FIXTURES = path.resolve(__dirname, '../../fixtures');
/** Rule folders: src/rules/<server>/<name>/ holds the rule, its bad/ and good/ trees, expected.json, claims.json and README.md. */
export const RULES_DIR = path.resolve(__dirname, '../../src/rules');
const SERVERS = ['nginx', 'apache', 'htpasswd', 'generic'];

/** A fixture path: `<server>/<rule>/…` is in the rule's folder, anything else under fixtures/. */
export function fixturePath(...parts: string[]): string {
  const joined = path.join(...parts);
  return SERVERS.includes(joined.split(path.sep)[0]) ? path.join(RULES_DIR, joined) : path.join(FIXTURES, joined);
}

/** The rule folders of a server that have fixtures (bad/ and good/), by name. */
export function ruleFixtureNames(server: string): string[] {
  const dir = path.join(RULES_DIR, server);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'bad')))
    .map((entry) => entry.name)
    .sort();
}

const prepared = new Map<string, string>();

/**
 * The directory to lint for a fixture tree. Git keeps no owners and few modes, so a tree with
 * a modes.json is copied to a temp dir and given the modes and owners it lists first.
 */
export function fixtureRoot(relative: string): string {
  const root = fixturePath(relative);
  const modesFile = path.join(root, 'modes.json');
  if (!fs.existsSync(modesFile)) return root;
  const cached = prepared.get(relative);
  if (cached) return cached;
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-fixture-'));
  fs.cpSync(root, copy, { recursive: true, verbatimSymlinks: true });
  const modes: Record<string, { mode: string; uid: number; gid: number }> = JSON.parse(fs.readFileSync(modesFile, 'utf8'));
  for (const [file, want] of Object.entries(modes)) {
    fs.chmodSync(path.join(copy, file), parseInt(want.mode, 8));
    fs.chownSync(path.join(copy, file), want.uid, want.gid);
  }
  prepared.set(relative, copy);
  return copy;
}

export function cleanupFixtures(): void {
  for (const dir of prepared.values()) fs.rmSync(dir, { recursive: true, force: true });
  prepared.clear();
}

/** Lint a fixture tree (`src/rules/<server>/<rule>/<bad|good>`) as a mirror of `/`, the way CI would. */
export function lintFixture(relative: string, options: LintOptions = {}) {
  const root = fixtureRoot(relative);
  const trees = ['etc/nginx', 'etc/apache2'].map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir));
  return lint(trees, { root, ...options });
}

/** Findings reduced to what tests assert: rule, file below the tree, exact range. */
export function ranges(relative: string, options: LintOptions = {}) {
  const root = fs.realpathSync(fixtureRoot(relative));
  return lintFixture(relative, options).findings.map((f) => ({
    ruleId: f.ruleId,
    file: path.relative(root, f.file),
    range: [f.line, f.column, f.endLine, f.endColumn],
  }));
}
