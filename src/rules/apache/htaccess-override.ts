import { describeApacheScope } from '../../apache/scopes';
import type { Rule } from '../../engine/rule';
import { apacheCommands } from './common';

/** Directives of the AuthConfig override class (what AllowOverride must permit in .htaccess). */
export const AUTHCONFIG = /^(auth(type|name|userfile|groupfile|basicprovider|basicauthoritative|basicfake|basicusedigestalgorithm|merging|digest\w*|dbm\w*|ldap\w*|formprovider)|require|requireall|requireany|requirenone|authzsendforbiddenonfailure)$/i;
const LIMIT = /^(order|allow|deny|satisfy|limit|limitexcept)$/i;

function authDirectives(scope: import('../../apache/scopes').ApacheScope) {
  return scope.directives.filter((d) => AUTHCONFIG.test(d.directive.name) || LIMIT.test(d.directive.name));
}

/** A03: with AllowOverride None (2.4's default) a .htaccess is not even read. */
export const htaccessIgnoredAllowOverrideNone: Rule = {
  meta: {
    id: 'apache/htaccess-ignored-allowoverride-none',
    severity: 'error',
    description: '.htaccess with auth directives under AllowOverride None (httpd 2.4\'s default): Apache never reads it, so nothing asks for a password.',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain) continue; // without the server config, AllowOverride is unknown
      for (const h of model.htaccess) {
        const auth = authDirectives(h);
        if (auth.length === 0) continue;
        const override = model.allowOverrideAnywhere(h.path as string);
        if (!override.classes.has('none')) continue;
        const first = auth[0];
        context.report({
          file: first.file,
          range: first.directive.range,
          message: `${describeApacheScope(h)} asks for a password, but AllowOverride is None here (${override.from ? `${override.from.file.serverPath}:${override.from.directive.range.start.line}` : 'the default since httpd 2.3.9'}): Apache never reads the file, so ${h.path}/ is served without a password (200, nothing logged)`,
          related: override.from ? [{ file: override.from.file, range: override.from.directive.range, message: 'AllowOverride None' }] : [],
          fix: { snippet: `<Directory "${h.path}">\n    AllowOverride AuthConfig\n</Directory>\n# better: move the auth directives from .htaccess into this <Directory> section`, commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** A04: AllowOverride without AuthConfig makes the auth directives errors: 500. */
export const htaccessAuthconfigNotAllowed: Rule = {
  meta: {
    id: 'apache/htaccess-authconfig-not-allowed',
    severity: 'error',
    description: '.htaccess with auth directives where AllowOverride lacks AuthConfig (or Limit): every request under it gets 500.',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain) continue;
      for (const h of model.htaccess) {
        const override = model.allowOverrideAnywhere(h.path as string);
        if (override.classes.has('none') || override.classes.has('all')) continue;
        const bad = authDirectives(h).find((d) => (AUTHCONFIG.test(d.directive.name) && !override.classes.has('authconfig')) || (LIMIT.test(d.directive.name) && !override.classes.has('limit')));
        if (!bad) continue;
        const needed = AUTHCONFIG.test(bad.directive.name) ? 'AuthConfig' : 'Limit';
        context.report({
          file: bad.file,
          range: bad.directive.nameRange,
          message: `${bad.directive.name} needs AllowOverride ${needed}, but only ${[...override.classes].join(' ')} is allowed here: every request under ${h.path}/ gets 500, logging [core:alert] ${h.path}/.htaccess: ${bad.directive.name} not allowed here`,
          related: override.from ? [{ file: override.from.file, range: override.from.directive.range, message: 'the AllowOverride in force' }] : [],
          fix: { snippet: `<Directory "${h.path}">\n    AllowOverride ${[...override.classes].filter((c) => c !== 'none').map((c) => c[0].toUpperCase() + c.slice(1)).concat(needed).join(' ')}\n</Directory>`, commands: apacheCommands(model) },
        });
      }
    }
  },
};
