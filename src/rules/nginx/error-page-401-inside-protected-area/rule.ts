import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { protection, serverOf, servingScope } from '../helpers';
import { errorPages401 } from '../shared/error-page-401';

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
