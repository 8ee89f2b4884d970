import { describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands, isAuthSection } from '../common';

/** A05: Basic auth without AuthName: 500 for every request. */
export const missingAuthname: Rule = {
  meta: {
    id: 'apache/missing-authname',
    severity: 'error',
    description: 'AuthType Basic with no AuthName in effect: every request gets 500 (AH01615: need AuthName).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        if (!isAuthSection(scope)) continue;
        const merged = model.effectiveAuth(scope);
        if (!merged.authType || merged.authType.args[0]?.toLowerCase() !== 'basic' || merged.authName) continue;
        if (!scope.directives.includes(merged.authType) || merged.requires.length === 0) continue;
        const t = merged.authType;
        context.report({
          file: t.file,
          range: t.directive.range,
          chain: t.chain,
          message: `${describeApacheScope(scope)} uses AuthType Basic without an AuthName: every request, with or without credentials, gets 500, logging [auth_basic:error] AH01615: need AuthName`,
          fix: { snippet: 'AuthType Basic\nAuthName "Admin area"', commands: apacheCommands(model) },
        });
      }
    }
  },
};
