import { walkScopes } from '../../../nginx/scopes';

export function errorPages401(scopes: Parameters<typeof walkScopes>[0]) {
  const out = [];
  for (const scope of walkScopes(scopes)) {
    for (const placed of scope.directives) {
      if (placed.directive.name !== 'error_page') continue;
      const args = placed.directive.args.map((a) => a.value);
      if (!args.includes('401')) continue;
      out.push({ scope, placed, args });
    }
  }
  return out;
}

type Scope = ReturnType<typeof walkScopes> extends Iterable<infer S> ? S : never;

/** Whether auth_request (not "off") is set in the scope, an enclosing one, or one inside it. */
export function usesAuthRequest(scope: Scope): boolean {
  const sets = (s: Scope) => s.directives.some((d) => d.directive.name === 'auth_request' && d.directive.args[0]?.value !== 'off');
  for (let level: Scope | undefined = scope; level; level = level.parent) if (sets(level)) return true;
  return [...walkScopes([scope])].some(sets);
}
