import * as path from 'node:path';
import { describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { userRequires, nonUserRequires, mergesAnd, protectedDirectories } from '../shared/structure';

/** A14: a <Location> Require is merged after <Directory> and replaces its authorization. */
export const locationOverridesDirectoryAuth: Rule = {
  meta: {
    id: 'apache/location-overrides-directory-auth',
    severity: 'error',
    description: 'A <Location> with Require all granted (or ip/host) covers URLs of a password-protected <Directory>: Location is merged last and replaces the password requirement.',
  },
  check(context) {
    for (const model of context.apache) {
      const dirs = protectedDirectories(model);
      for (const loc of model.scopes()) {
        if ((loc.kind !== 'location' && loc.kind !== 'locationmatch') || !loc.path || mergesAnd(loc)) continue;
        const open = nonUserRequires(loc).find((r) => !(r.args[0]?.toLowerCase() === 'all' && r.args[1]?.toLowerCase() === 'denied'));
        if (!open || userRequires(loc).length > 0) continue;
        for (const dir of dirs) {
          const url = model.urlOf(dir.path as string);
          if (!url) continue;
          const covers = loc.kind === 'location' ? url.startsWith(loc.path.replace(/\/?$/, '/')) || loc.path === '/' : new RegExp(loc.path).test(url);
          if (!covers) continue;
          context.report({
            file: open.file,
            range: open.directive.range,
            chain: open.chain,
            message: `${describeApacheScope(loc)} "Require ${open.args.join(' ')}" is merged after ${describeApacheScope(dir)} and replaces its "Require valid-user": ${url} is served without a password (200)`,
            related: [{ file: (dir.section ?? userRequires(dir)[0]).file, range: (dir.section ?? userRequires(dir)[0]).directive.range, message: 'the password requirement it replaces' }],
            fix: { snippet: `# narrow the <Location>, or keep the password requirement there too:\n<Location "${loc.path}">\n    AuthMerging And\n</Location>`, commands: apacheCommands(model) },
          });
          break;
        }
      }
    }
  },
};
