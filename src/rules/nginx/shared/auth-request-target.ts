import type { Placed } from '../../../nginx/config-tree';
import type { NginxModel } from '../../../nginx/model';
import { walkScopes, type Scope } from '../../../nginx/scopes';
import { type RuleContext } from '../../../engine/rule';
import { serverOf, servingScope } from '../helpers';

/** Each auth_request and the location its subrequest lands in. */
function authRequestTargets(model: NginxModel): { placed: Placed; target: Scope; uri: string }[] {
  const out: { placed: Placed; target: Scope; uri: string }[] = [];
  for (const scope of walkScopes(model.scopes)) {
    for (const placed of scope.directives) {
      if (placed.directive.name !== 'auth_request') continue;
      const uri = placed.directive.args[0]?.value;
      const server = serverOf(scope);
      if (!uri || uri === 'off' || !server || uri.includes('$')) continue;
      out.push({ placed, target: servingScope(server, uri.split('?')[0]), uri });
    }
  }
  return out;
}

export function each(context: RuleContext, visit: (model: NginxModel, item: { placed: Placed; target: Scope; uri: string }) => void): void {
  const seen = new Set<Scope>();
  for (const model of context.nginx) {
    for (const item of authRequestTargets(model)) {
      if (seen.has(item.target)) continue;
      seen.add(item.target);
      visit(model, item);
    }
  }
}
