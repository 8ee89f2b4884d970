import { describeApacheScope, own, walkApacheScopes } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';


/** Basic credentials on a virtual host without TLS. */
export const apacheBasicAuthOverPlainHttp: Rule = {
  meta: {
    id: 'apache/basic-auth-over-plain-http',
    severity: 'warning',
    description: 'A <VirtualHost> without SSLEngine asks for Basic credentials and does not redirect to https first: passwords cross the network readable.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const vhost of walkApacheScopes(model.root)) {
        if (vhost.kind !== 'vhost' || !vhost.section) continue;
        if (own(vhost, 'SSLEngine').some((d) => d.args[0]?.toLowerCase() === 'on')) continue;
        if (vhost.section.args.every((a) => /^(127\.|\[::1\]|localhost)/.test(a))) continue;
        if (own(vhost, 'Redirect').some((d) => d.args.some((a) => /^https:\/\//i.test(a)))) continue;
        const protectedScope = [...walkApacheScopes(vhost)].find(
          (s) => s.directives.some((d) => /^require$/i.test(d.directive.name) && /^(valid-user|user|group)$/i.test(d.args[0] ?? '')) && model.effectiveAuth(s).authType?.args[0]?.toLowerCase() === 'basic',
        );
        if (!protectedScope) continue;
        context.report({
          file: vhost.section.file,
          range: vhost.section.directive.nameRange,
          chain: vhost.section.chain,
          message: `<VirtualHost ${vhost.section.args.join(' ')}> has no SSLEngine on and does not redirect to https, yet ${describeApacheScope(protectedScope)} asks for a password: every password crosses the network base64-encoded`,
          fix: { snippet: '<VirtualHost *:80>\n    ServerName example.com\n    Redirect permanent / https://example.com/\n</VirtualHost>', commands: apacheCommands(model) },
        });
      }
    }
  },
};
