import { accessRules, satisfyOf } from '../../../nginx/request/access';
import { describeScope } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** N17: deny all under satisfy all refuses everyone, password or not. */
export const denyAllWithSatisfyAll: Rule = {
  meta: {
    id: 'nginx/deny-all-with-satisfy-all',
    severity: 'error',
    description: 'deny all next to auth_basic under satisfy all: every request gets 403, with or without the right password.',
  },
  check(context) {
    for (const model of context.nginx) {
      const reported = new Set<unknown>();
      for (const scope of model.servingScopes()) {
        // deny all inside limit_except restricts methods; that is what it is for.
        if (scope.kind === 'limit_except' || !model.effectiveAuth(scope).realmOn || satisfyOf(scope).value !== 'all') continue;
        const rules = accessRules(scope);
        const denyAll = rules.find((rule) => rule.directive.name === 'deny' && rule.directive.args[0]?.value === 'all');
        if (!denyAll || reported.has(denyAll)) continue;
        // deny all after allow rules is an allowlist: only the listed addresses are refused the password prompt.
        if (rules.indexOf(denyAll) > 0) continue;
        reported.add(denyAll);
        context.report({
          file: denyAll.file,
          range: denyAll.directive.range,
          chain: denyAll.chain,
          message: `deny all with auth_basic under satisfy all (the default) in ${describeScope(scope)}: every request gets 403 ("access forbidden by rule"), with or without the right password`,
          fix: { snippet: 'satisfy any;            # "an allowed address OR the password"\nallow 192.0.2.10;\ndeny all;', commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
