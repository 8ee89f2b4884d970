import { describeApacheScope, requireContainer } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { isRequire } from '../shared/structure';

/** A21: only negative Require lines: httpd -t fails. */
export const negativeRequireOnly: Rule = {
  meta: {
    id: 'apache/negative-require-only',
    severity: 'error',
    description: 'Only "Require not …" lines (outside <RequireAll>): httpd -t fails with "negative Require directive has no effect".',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const lines = scope.directives.filter((d) => isRequire(d) && !requireContainer(d));
        if (lines.length === 0 || !lines.every((d) => d.args[0]?.toLowerCase() === 'not')) continue;
        context.report({
          file: lines[0].file,
          range: lines[0].directive.range,
          chain: lines[0].chain,
          message: `"Require ${lines[0].args.join(' ')}" is the only requirement in ${describeApacheScope(scope)}: apachectl configtest fails with "negative Require directive has no effect in <RequireAny> directive"`,
          fix: { snippet: `<RequireAll>\n    Require valid-user\n    Require ${lines[0].args.join(' ')}\n</RequireAll>`, commands: apacheCommands(model) },
        });
      }
    }
  },
};
