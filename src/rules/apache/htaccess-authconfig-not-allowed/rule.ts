import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { AUTHCONFIG, LIMIT, authDirectives } from '../shared/htaccess-override';

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
