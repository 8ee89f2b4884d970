import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupFixtures, FIXTURES, fixtureRoot, lintFixture, RULES_DIR } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { LOAD_ERRORS } from './helpers/load-errors';

/**
 * Parser and loader acceptance: on every complete configuration among the fixtures, authlint
 * reports a configuration-load error exactly when the real server's config test rejects it.
 */

/**
 * Not walked: a tree's own etc/ and var/, and real-world/ — packages' files as they ship, not
 * servers set up to start (Debian's apache2.conf needs the envvars apache2ctl sources, and
 * nginx-common's nginx.conf a /run directory); real-world-configs.test.ts is their test.
 */
const SKIPPED: ReadonlySet<string> = new Set(['etc', 'var', 'real-world']);

/** Every fixture tree with this main config: the rule folders' bad/ and good/ trees, and fixtures/'s own. */
function trees(marker: string): string[] {
  const out: string[] = [];
  const walk = (base: string, dir: string, depth: number): void => {
    if (fs.existsSync(path.join(dir, marker))) out.push(path.relative(base, dir));
    if (depth === 0) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(base, path.join(dir, entry.name), depth - 1);
  };
  walk(RULES_DIR, RULES_DIR, 3);
  walk(FIXTURES, FIXTURES, 3);
  return out.sort();
}

afterAll(cleanupFixtures);

/**
 * Fixtures that cannot be compared: with --root authlint refuses the link that leads out of the
 * tree, while nginx follows it to a file of this machine (/etc/hostname) and fails on its text.
 */
const NOT_COMPARABLE = new Set(['generic/path-outside-root/bad']);

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('nginx -t and authlint agree on which fixtures load', () => {
  test.each(trees('etc/nginx/nginx.conf').filter((tree) => !NOT_COMPARABLE.has(tree)))('%s', async (tree) => {
    const server = await RealNginx.prepare(nginx as string, fixtureRoot(tree));
    let rejected: boolean;
    let output: string;
    try {
      ({ ok: rejected, output } = server.test());
      rejected = !rejected;
    } finally {
      await server.stop();
    }
    const loadErrors = lintFixture(tree).findings.filter((f) => LOAD_ERRORS.has(f.ruleId) && f.severity === 'error').map((f) => f.ruleId);
    expect({ tree, rejected, reported: loadErrors.length > 0, output: rejected !== loadErrors.length > 0 ? output : '' }).toEqual({ tree, rejected, reported: rejected, output: '' });
  });
});

const apache = findApache();
(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('apache2 -t and authlint agree on which fixtures load', () => {
  test.each(trees('etc/apache2/apache2.conf'))('%s', async (tree) => {
    const server = await RealApache.prepare(apache as string, fixtureRoot(tree));
    let result: { ok: boolean; output: string };
    try {
      result = server.test();
    } finally {
      await server.stop();
    }
    const loadErrors = lintFixture(tree).findings.filter((f) => LOAD_ERRORS.has(f.ruleId) && f.severity === 'error' && !/AuthType Basic configured without/.test(f.message));
    expect({ tree, rejected: !result.ok, reported: loadErrors.length > 0, output: !result.ok !== loadErrors.length > 0 ? result.output : '' }).toEqual({ tree, rejected: !result.ok, reported: !result.ok, output: '' });
  });
});
