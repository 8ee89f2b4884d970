import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { errorPages401, usesAuthRequest } from '../shared/error-page-401';

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
