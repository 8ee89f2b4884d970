import { describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

/** A01: AuthType without any Require: either the parent's Require all granted lets everyone in, or 500. */
export const authtypeWithoutRequire: Rule = {
  meta: {
    id: 'apache/authtype-without-require',
    severity: 'error',
    description: 'AuthType with no Require: an inherited "Require all granted" lets everyone in, or, with no Require anywhere, every request gets 500.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const authType = scope.directives.find((d) => /^authtype$/i.test(d.directive.name) && d.args[0]?.toLowerCase() !== 'none');
        if (!authType) continue;
        const merged = model.effectiveAuth(scope);
        const own = merged.requireScope === scope;
        if (own) continue;
        const inherited = merged.requires;
        const granted = inherited.find((r) => /^require$/i.test(r.directive.name) && r.args[0]?.toLowerCase() === 'all' && r.args[1]?.toLowerCase() === 'granted');
        const where = describeApacheScope(scope);
        let message: string;
        if (granted) {
          message = `${where} sets AuthType but has no Require, so it inherits "Require all granted" from ${granted.file.serverPath}:${granted.directive.range.start.line}: nobody is asked for a password (200, nothing logged)`;
        } else if (inherited.length > 0) {
          message = `${where} sets AuthType but has no Require of its own: it inherits ${inherited.map((r) => r.args.join(' ')).join(', ')} from an enclosing section, which may not be what this section means`;
        } else if (!model.config.isMain) {
          message = `${where} sets AuthType but has no Require: what applies depends on the server config (with Debian's default "Require all granted" for /var/www, nobody is asked for a password; with no Require anywhere, 500 AH01627)`;
        } else {
          message = `${where} sets AuthType but no Require applies anywhere: every request gets 500, logging AH01627: AuthType configured with no corresponding authorization directives`;
        }
        context.report({
          file: authType.file,
          range: authType.directive.range,
          chain: authType.chain,
          ...(inherited.length > 0 && !granted ? { severity: 'warning' as const } : {}),
          message,
          fix: { snippet: 'AuthType Basic\nAuthName "Admin area"\nAuthUserFile /etc/apache2/.htpasswd\nRequire valid-user', commands: apacheCommands(model) },
        });
      }
    }
  },
};
