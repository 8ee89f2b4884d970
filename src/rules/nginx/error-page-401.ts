import { walkScopes } from '../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../engine/rule';
import { protection, serverOf, servingScope } from './helpers';

function errorPages401(scopes: Parameters<typeof walkScopes>[0]) {
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
function usesAuthRequest(scope: Scope): boolean {
  const sets = (s: Scope) => s.directives.some((d) => d.directive.name === 'auth_request' && d.directive.args[0]?.value !== 'off');
  for (let level: Scope | undefined = scope; level; level = level.parent) if (sets(level)) return true;
  return [...walkScopes([scope])].some(sets);
}

/** N22: an error_page 401 that answers with another status keeps browsers from ever prompting. */
export const errorPage401ChangesStatus: Rule = {
  meta: {
    id: 'nginx/error-page-401-changes-status',
    severity: 'error',
    description: 'error_page 401 =200 (or a redirect URL): clients never see the 401, so they never ask for credentials.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const { scope, placed, args } of errorPages401(model.scopes)) {
        const change = args.find((a) => /^=\d{3}$/.test(a));
        const target = args[args.length - 1];
        const redirect = /^https?:\/\//.test(target);
        if (!redirect && (!change || change === '=401')) continue;
        // Behind auth_request (oauth2-proxy, Authelia, Authentik, an LDAP portal…) the 401 comes
        // from the subrequest, and turning it into the portal's login page (=200 /login, =302 $url)
        // is how those setups work: the browser is not meant to prompt.
        if (usesAuthRequest(scope) && !model.effectiveAuth(scope).realmOn) continue;
        const becomes = redirect ? `a 302 redirect to ${target}` : `status ${change!.slice(1)}`;
        context.report({
          file: placed.file,
          range: placed.directive.range,
          chain: placed.chain,
          message: `error_page 401 turns the challenge into ${becomes}: browsers only prompt for a password on a 401, so nobody can log in (the WWW-Authenticate header is sent but ignored)`,
          fix: { snippet: 'error_page 401 /errors/401.html;          # keeps the 401\nlocation = /errors/401.html { auth_basic off; internal; root /var/www; }', commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};

/** N21: a 401 page that is itself protected is never shown. */
export const errorPage401InsideProtectedArea: Rule = {
  meta: {
    id: 'nginx/error-page-401-inside-protected-area',
    severity: 'warning',
    description: 'The error_page 401 URI is itself protected: nginx falls back to its built-in page and sends two WWW-Authenticate headers.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const { scope, placed, args } of errorPages401(model.scopes)) {
        const target = args[args.length - 1];
        if (!target.startsWith('/') || args.some((a) => /^=\d{3}$/.test(a) && a !== '=401')) continue;
        const server = serverOf(scope);
        if (!server) continue;
        const lands = servingScope(server, target);
        if (!protection(model, lands).intended) continue;
        context.report({
          file: placed.file,
          range: placed.directive.range,
          chain: placed.chain,
          message: `the 401 page ${target} is itself behind auth_basic: the internal redirect fails the access check again, so nginx sends its built-in 401 page with two WWW-Authenticate headers and your page is never shown`,
          fix: { snippet: `error_page 401 /errors/401.html;\nlocation = /errors/401.html {\n    auth_basic off;\n    internal;\n    root /var/www;\n}`, commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
