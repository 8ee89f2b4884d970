import { describeApacheScope } from '../../apache/scopes';
import type { Rule } from '../../engine/rule';
import { apacheCommands, isAuthSection, mergeChain } from './common';

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
        const merged = model.merge(mergeChain(model, scope));
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

/** A05: Basic auth without AuthName: 500 for every request. */
export const missingAuthname: Rule = {
  meta: {
    id: 'apache/missing-authname',
    severity: 'error',
    description: 'AuthType Basic with no AuthName in effect: every request gets 500 (AH01615: need AuthName).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        if (!isAuthSection(scope)) continue;
        const merged = model.merge(mergeChain(model, scope));
        if (!merged.authType || merged.authType.args[0]?.toLowerCase() !== 'basic' || merged.authName) continue;
        if (!scope.directives.includes(merged.authType) || merged.requires.length === 0) continue;
        const t = merged.authType;
        context.report({
          file: t.file,
          range: t.directive.range,
          chain: t.chain,
          message: `${describeApacheScope(scope)} uses AuthType Basic without an AuthName: every request, with or without credentials, gets 500, logging [auth_basic:error] AH01615: need AuthName`,
          fix: { snippet: 'AuthType Basic\nAuthName "Admin area"', commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A06: the file provider without AuthUserFile: 500 once credentials are sent. */
export const missingAuthuserfile: Rule = {
  meta: {
    id: 'apache/missing-authuserfile',
    severity: 'error',
    description: 'Basic auth with the file provider but no AuthUserFile in effect: every login gets 500 (AH01619).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const merged = model.merge(mergeChain(model, scope));
        if (!merged.authType || merged.authType.args[0]?.toLowerCase() !== 'basic' || merged.authUserFile) continue;
        if (!scope.directives.includes(merged.authType) || merged.requires.length === 0) continue;
        const providers = merged.provider?.args.map((a) => a.toLowerCase()) ?? ['file'];
        if (!providers.includes('file')) continue;
        const t = merged.authType;
        context.report({
          file: t.file,
          range: t.directive.range,
          chain: t.chain,
          message: `${describeApacheScope(scope)} uses Basic auth with the file provider but no AuthUserFile: requests without credentials get 401, every login gets 500, logging [authn_file:error] AH01619: AuthUserFile not specified in the configuration`,
          fix: { snippet: 'AuthUserFile /etc/apache2/.htpasswd', commands: apacheCommands(model) },
        });
      }
    }
  },
};
