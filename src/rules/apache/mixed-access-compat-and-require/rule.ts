import type { ApachePlaced } from '../../../apache/config-tree';
import { conditionsOf, describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { isRequire } from '../shared/structure';

/** A19: 2.2-style Order/Allow/Deny/Satisfy mixed with Require. */
export const mixedAccessCompatAndRequire: Rule = {
  meta: {
    id: 'apache/mixed-access-compat-and-require',
    severity: 'warning',
    description: 'Order/Allow/Deny/Satisfy (mod_access_compat) next to Require: Satisfy Any lets allowed addresses skip the password (error); otherwise the mix is hard to predict.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        // The portable pattern — Require under <IfModule mod_authz_core.c>, Order/Deny under
        // <IfModule !mod_authz_core.c> — never has both in force: not a mix.
        const fallback = (d: ApachePlaced) => conditionsOf(d).some((c) => /^!(mod_authz_core\.c|authz_core_module)$/i.test(c));
        const compat = scope.directives.filter((d) => /^(order|allow|deny|satisfy)$/i.test(d.directive.name) && !fallback(d));
        if (compat.length === 0 || !scope.directives.some(isRequire)) continue;
        const satisfyAny = compat.find((d) => /^satisfy$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'any');
        // Satisfy alone, with no Order/Allow/Deny: apache/satisfy-any-opens says what it does.
        if (compat.every((d) => /^satisfy$/i.test(d.directive.name))) continue;
        // "Order allow,deny / Allow from all" with no Deny and no Satisfy Any grants every client
        // in the access phase: Require alone decides, as the 2.2-era samples mean it.
        const grantsAll =
          !satisfyAny &&
          !compat.some((d) => /^deny$/i.test(d.directive.name)) &&
          compat.some((d) => /^allow$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'from' && d.args[1]?.toLowerCase() === 'all') &&
          compat.filter((d) => /^order$/i.test(d.directive.name)).every((d) => /^allow,\s*deny$/i.test(d.args.join('')) || /^deny,\s*allow$/i.test(d.args.join('')));
        if (grantsAll) continue;
        const first = satisfyAny ?? compat[0];
        context.report({
          file: first.file,
          range: first.directive.range,
          chain: first.chain,
          ...(satisfyAny && compat.some((d) => /^allow$/i.test(d.directive.name)) ? { severity: 'error' as const } : {}),
          message: satisfyAny
            ? `Satisfy Any with Allow rules in ${describeApacheScope(scope)}: clients the Allow rules match get in without a password (200)`
            : `${describeApacheScope(scope)} mixes mod_access_compat (${compat.map((d) => d.directive.name).join(', ')}) with Require: Apache evaluates both, and a Deny (or an Order without Allow) answers 403 (AH01797) even with the right password`,
          fix: { snippet: '<RequireAll>\n    Require valid-user\n    Require ip 192.0.2.0/24\n</RequireAll>', commands: apacheCommands(model) },
        });
      }
    }
  },
};
