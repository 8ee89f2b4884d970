import { describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { authDirectives } from '../shared/htaccess-override';

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
