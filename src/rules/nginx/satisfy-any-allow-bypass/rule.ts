import { accessRules, broadness, satisfyOf } from '../../../nginx/request/access';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { describeScope } from '../../../nginx/scopes';

/** N15: under satisfy any, an allow rule lets its addresses skip the password. */
export const satisfyAnyAllowBypass: Rule = {
  meta: {
    id: 'nginx/satisfy-any-allow-bypass',
    severity: 'error',
    description: 'satisfy any with allow all (or a very broad, private or loopback range): those clients never need the password.',
  },
  check(context) {
    for (const model of context.nginx) {
      const reported = new Set<unknown>();
      for (const scope of model.servingScopes()) {
        if (!model.effectiveAuth(scope).realmOn || satisfyOf(scope).value !== 'any') continue;
        for (const rule of accessRules(scope)) {
          if (rule.directive.name !== 'allow' || reported.has(rule)) continue;
          const operand = rule.directive.args[0]?.value ?? '';
          const kind = broadness(operand);
          if (kind === 'narrow') continue;
          reported.add(rule);
          const who = { everyone: 'every client', 'private-range': `every client in ${operand} (a private range: behind a proxy, load balancer or container network, often every client)`, loopback: `${operand} — and behind a local reverse proxy every request comes from there` }[kind];
          context.report({
            file: rule.file,
            range: rule.directive.range,
            chain: rule.chain,
            severity: kind === 'everyone' ? 'error' : 'warning',
            message: `satisfy any with "allow ${operand}" lets ${who} in without a password (200 without credentials) in ${describeScope(scope)}`,
            fix: { snippet: 'satisfy any;\nallow 192.0.2.10;          # only the addresses that may skip the password\ndeny all;\nauth_basic "Admin";\nauth_basic_user_file /etc/nginx/htpasswd;', commands: [...NGINX_TEST_AND_RELOAD] },
          });
        }
      }
    }
  },
};
