import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { READ_ONLY_METHODS, userRequires, header } from '../shared/structure';

/** A13: Require inside <Limit>/<LimitExcept> leaves the other methods open. */
export const limitLeavesMethodsOpen: Rule = {
  meta: {
    id: 'apache/limit-leaves-methods-open',
    severity: 'error',
    description: 'Require valid-user inside <Limit> (or <LimitExcept>): every method not listed is served without a password.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        if ((scope.kind !== 'limit' && scope.kind !== 'limitexcept') || userRequires(scope).length === 0) continue;
        if (scope.parent && userRequires(scope.parent).length > 0) continue;
        const methods = scope.section!.args.map((m) => m.toUpperCase());
        // <LimitExcept GET HEAD …> around the password is the documented "public read,
        // authenticated write" setup: what stays open is read-only by design.
        if (scope.kind === 'limitexcept' && methods.every((m) => READ_ONLY_METHODS.has(m))) continue;
        const open = scope.kind === 'limit' ? `every method except ${methods.join(', ')} (POST, PUT, DELETE, …)` : `${methods.join(', ')}${methods.includes('GET') ? ' and HEAD' : ''}`;
        context.report({
          file: scope.section!.file,
          range: header(scope),
          chain: scope.section!.chain,
          message: `<${scope.section!.directive.name} ${methods.join(' ')}> asks for a password for ${scope.kind === 'limit' ? methods.join(', ') : 'the other methods'} only: ${open} ${scope.kind === 'limit' ? 'are' : 'is'} served without one`,
          fix: { snippet: '<RequireAll>\n    Require valid-user\n    Require method GET POST\n</RequireAll>', commands: apacheCommands(model) },
        });
      }
    }
  },
};
