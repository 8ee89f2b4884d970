import * as path from 'node:path';
import { lint, type LintOptions } from '../../src/lint';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** Lint a fixture tree (`fixtures/<server>/<rule>/<bad|good>`) as a mirror of `/`, the way CI would. */
export function lintFixture(relative: string, options: LintOptions = {}) {
  const root = path.join(FIXTURES, relative);
  return lint([path.join(root, 'etc/nginx')], { root, ...options });
}

/** Findings reduced to what tests assert: rule, file below the tree, exact range. */
export function ranges(relative: string, options: LintOptions = {}) {
  const root = path.join(FIXTURES, relative);
  return lintFixture(relative, options).findings.map((f) => ({
    ruleId: f.ruleId,
    file: path.relative(root, f.file),
    range: [f.line, f.column, f.endLine, f.endColumn],
  }));
}
