import * as path from 'node:path';
import { describeApacheScope, isAtOrBelow, walkApacheScopes } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { userRequires, nonUserRequires, mergesAnd, protectedDirectories } from '../shared/structure';

/** A15: a child <Directory> or .htaccess with its own Require replaces the parent's. */
export const childSectionOrHtaccessReplacesAuth: Rule = {
  meta: {
    id: 'apache/child-section-or-htaccess-replaces-auth',
    severity: 'error',
    description: 'A <Directory> or .htaccess below a password-protected directory has its own Require (all granted, ip…): it replaces the password requirement there.',
  },
  check(context) {
    for (const model of context.apache) {
      const dirs = protectedDirectories(model);
      for (const child of [...walkApacheScopes(model.root), ...model.htaccess]) {
        if ((child.kind !== 'directory' && child.kind !== 'htaccess') || !child.path || mergesAnd(child) || userRequires(child).length > 0) continue;
        if (child.kind === 'htaccess' && model.allowOverrideAnywhere(child.path).classes.has('none')) continue;
        const open = nonUserRequires(child).find((r) => !(r.args[0]?.toLowerCase() === 'all' && r.args[1]?.toLowerCase() === 'denied'));
        if (!open) continue;
        const parent = dirs.find((d) => d !== child && d.path !== child.path && isAtOrBelow(child.path as string, d.path as string));
        if (!parent) continue;
        context.report({
          file: open.file,
          range: open.directive.range,
          chain: open.chain,
          message: `${describeApacheScope(child)} has "Require ${open.args.join(' ')}", which replaces the "Require valid-user" of ${describeApacheScope(parent)} (AuthMerging Off): ${child.path}/ is served without a password`,
          fix: { snippet: "# keep the parent's requirement as well (Apache reads no comment after a directive):\nAuthMerging And", commands: apacheCommands(model) },
        });
      }
    }
  },
};
