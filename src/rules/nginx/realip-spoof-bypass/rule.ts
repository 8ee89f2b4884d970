import { walkScopes } from '../../../nginx/scopes';
import { accessRules, broadness } from '../../../nginx/request/access';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** N16: trusting every address for X-Forwarded-For lets clients choose their $remote_addr. */
export const realipSpoofBypass: Rule = {
  meta: {
    id: 'nginx/realip-spoof-bypass',
    severity: 'error',
    description: 'set_real_ip_from trusts every address while allow/deny decide access: a forged X-Forwarded-For gets in.',
  },
  check(context) {
    for (const model of context.nginx) {
      const usesAllow = model.servingScopes().some((scope) => accessRules(scope).some((rule) => rule.directive.name === 'allow'));
      if (!usesAllow) continue;
      for (const scope of walkScopes(model.scopes)) {
        for (const placed of scope.directives) {
          if (placed.directive.name !== 'set_real_ip_from') continue;
          const operand = placed.directive.args[0]?.value ?? '';
          if (broadness(operand) !== 'everyone') continue;
          context.report({
            file: placed.file,
            range: placed.directive.range,
            chain: placed.chain,
            message: `set_real_ip_from ${operand} trusts the real-IP header from every client, so $remote_addr is whatever the client sends (X-Forwarded-For: 10.1.2.3): allow rules that stand in for a password are bypassed with one header`,
            fix: { snippet: 'set_real_ip_from 192.0.2.1;        # your load balancer only\nreal_ip_header X-Forwarded-For;', commands: [...NGINX_TEST_AND_RELOAD] },
          });
        }
      }
    }
  },
};
