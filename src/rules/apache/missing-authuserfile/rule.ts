import { describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

/** A06: the file provider without AuthUserFile: 500 once credentials are sent. */
export const missingAuthuserfile: Rule = {
  meta: {
    id: 'apache/missing-authuserfile',
    severity: 'error',
    description: 'Basic auth with the file provider but no AuthUserFile in effect: every login gets 500 (AH01619).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const merged = model.effectiveAuth(scope);
        if (!merged.authType || merged.authType.args[0]?.toLowerCase() !== 'basic' || merged.authUserFile) continue;
        if (!scope.directives.includes(merged.authType) || merged.requires.length === 0) continue;
        const providers = merged.provider?.args.map((a) => a.toLowerCase()) ?? ['file'];
        if (!providers.includes('file')) continue;
        const t = merged.authType;
        context.report({
          file: t.file,
          range: t.directive.range,
          chain: t.chain,
          message: `${describeApacheScope(scope)} uses Basic auth with the file provider but no AuthUserFile: requests without credentials get 401, every login gets 500, logging [authn_file:error] AH01619: AuthUserFile not specified in the configuration`,
          fix: { snippet: 'AuthUserFile /etc/apache2/.htpasswd', commands: apacheCommands(model) },
        });
      }
    }
  },
};
