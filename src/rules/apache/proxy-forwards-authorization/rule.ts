import { describeApacheScope, own } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';


/** A28: mod_proxy forwards the client's Authorization header after Apache checked it. */
export const apacheProxyForwardsAuthorization: Rule = {
  meta: {
    id: 'apache/proxy-forwards-authorization',
    severity: 'warning',
    description: 'A password-protected <Location> that proxies (ProxyPass) forwards the client\'s Authorization header to the backend.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const proxy = own(scope, 'ProxyPass')[0];
        if (!proxy || proxy.args[proxy.args.length === 1 ? 0 : 1] === '!') continue;
        const merged = model.effectiveAuth(scope);
        if (!merged.requires.some((r) => /^(valid-user|user|group)$/i.test(r.args[0] ?? ''))) continue;
        if (scope.directives.some((d) => /^requestheader$/i.test(d.directive.name) && /^(unset|set)$/i.test(d.args[0] ?? '') && d.args[1]?.toLowerCase() === 'authorization')) continue;
        context.report({
          file: proxy.file,
          range: proxy.directive.range,
          chain: proxy.chain,
          message: `${describeApacheScope(scope)} asks for a password and then proxies with the client's Authorization header: every user's Basic credentials reach the backend and its logs`,
          fix: { snippet: '# mod_headers; runs after authentication:\nRequestHeader unset Authorization', commands: apacheCommands(model) },
        });
      }
    }
  },
};
