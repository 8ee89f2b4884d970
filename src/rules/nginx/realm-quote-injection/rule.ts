import { walkScopes } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** N08: nginx copies the realm into WWW-Authenticate without escaping. */
export const realmQuoteInjection: Rule = {
  meta: {
    id: 'nginx/realm-quote-injection',
    severity: 'warning',
    description: 'A realm with " or \\, or built from request data: nginx sends it unescaped in WWW-Authenticate.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of walkScopes(model.scopes)) {
        for (const placed of scope.directives) {
          if (placed.directive.name !== 'auth_basic') continue;
          const arg = placed.directive.args[0];
          if (!arg || arg.value === 'off') continue;
          let why: string | undefined;
          if (/["\\]/.test(arg.value)) why = `contains ${arg.value.includes('"') ? 'a double quote' : 'a backslash'}, which nginx does not escape: the header becomes WWW-Authenticate: Basic realm="${arg.value}", a broken quoted-string some clients reject`;
          else if (/\$(arg_|http_|cookie_|uri|request_uri|args|host)/.test(arg.value)) why = 'is built from request data, which nginx copies into WWW-Authenticate unescaped: a client can inject quotes and parameters into the challenge';
          if (!why) continue;
          context.report({
            file: placed.file,
            range: arg.range,
            chain: placed.chain,
            message: `the realm ${arg.raw} ${why}`,
            fix: { snippet: 'auth_basic "Admin area";', commands: [...NGINX_TEST_AND_RELOAD] },
          });
        }
      }
    }
  },
};
