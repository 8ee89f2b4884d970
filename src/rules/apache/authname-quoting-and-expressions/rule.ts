import { own } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

/** A22: AuthName with spaces but no quotes, or an expression. */
export const authnameQuoting: Rule = {
  meta: {
    id: 'apache/authname-quoting-and-expressions',
    severity: 'error',
    description: 'AuthName Restricted Area (two words, no quotes): httpd -t fails; %{…} in AuthName is an expression (warning).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const d of own(scope, 'AuthName')) {
          if (d.directive.args.length > 1) {
            context.report({
              file: d.file,
              range: d.directive.range,
              chain: d.chain,
              message: `AuthName has ${d.directive.args.length} arguments: apachectl configtest fails with "AuthName takes one argument, the authentication realm (e.g. "Members Only")"; quote the realm`,
              fix: { snippet: `AuthName "${d.args.join(' ')}"`, commands: apacheCommands(model) },
            });
          } else if ((d.args[0] ?? '').includes('%{')) {
            context.report({
              file: d.file,
              range: d.directive.args[0].range,
              chain: d.chain,
              severity: 'warning',
              message: `AuthName ${d.directive.args[0].raw} is an expression since httpd 2.4.55: %{…} is evaluated per request (request data lands in the realm), and an unbalanced %{ stops the server from starting`,
            });
          }
        }
      }
    }
  },
};
