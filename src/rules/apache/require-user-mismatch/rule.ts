import { own } from '../../../apache/scopes';
import { parseHtpasswd } from '../../../parsers/htpasswd/parser';
import { apacheView } from '../../../htpasswd/views';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';


/** A23: Require user names that the password file does not have (case-sensitive), or comma lists. */
export const requireUserMismatch: Rule = {
  meta: {
    id: 'apache/require-user-mismatch',
    severity: 'warning',
    description: 'Require user names a user the AuthUserFile does not have (names are case-sensitive; commas do not separate): that user gets 401 again and again.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const r of own(scope, 'Require')) {
          if (r.args[0]?.toLowerCase() !== 'user') continue;
          const merged = model.effectiveAuth(scope);
          const content = merged.authUserFile ? model.fileContent(merged.authUserFile.args[0]) : undefined;
          if (!content) continue;
          const file = content.state;
          const users = new Set(apacheView(parseHtpasswd(content.bytes)).entries.map((e) => e.user));
          for (const [i, name] of r.args.slice(1).entries()) {
            if (users.has(name)) continue;
            const near = [...users].find((u) => u.toLowerCase() === name.toLowerCase());
            context.report({
              file: r.file,
              range: r.directive.args[i + 1].range,
              chain: r.chain,
              message: name.includes(',')
                ? `"${name}" is one user name: Require user takes names separated by spaces, not commas, so nobody of that name exists and the right password gets 401 again (AH01631)`
                : `user "${name}" is not in ${file.serverPath}${near ? ` (it has "${near}": names are case-sensitive)` : ''}: that login can never pass Require (AH01631: authorization failure), and the browser asks again and again`,
              fix: { snippet: `Require user ${near ?? name.split(',').join(' ')}`, commands: apacheCommands(model) },
            });
          }
        }
      }
    }
  },
};
