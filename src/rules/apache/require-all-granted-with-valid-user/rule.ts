import { describeApacheScope, requireContainer } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { broadness } from '../../../http/ip-ranges';

const USERS = /^(valid-user|user|group)$/i;
const OPEN = /^(all|ip|host|local|env|expr|method)$/i;

/** A02: several Require lines are a <RequireAny>: "Require all granted" beside "Require valid-user" lets everyone in. */
export const requireAllGrantedWithValidUser: Rule = {
  meta: {
    id: 'apache/require-all-granted-with-valid-user',
    severity: 'error',
    description: 'Require all granted (or ip/host/local) beside Require valid-user: Require lines are alternatives, so the password is never needed (from those addresses).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        // Require lines directly in the section (not inside <RequireAll>) are an implicit <RequireAny>.
        const lines = scope.directives.filter((d) => /^require$/i.test(d.directive.name) && !insideRequireAll(d));
        const user = lines.find((d) => USERS.test(d.args[0] ?? ''));
        const open = lines.find((d) => OPEN.test(d.args[0] ?? '') && !(d.args[0]?.toLowerCase() === 'all' && d.args[1]?.toLowerCase() === 'denied'));
        if (!user || !open) continue;
        const everyone = open.args[0]?.toLowerCase() === 'all' || (open.args[0]?.toLowerCase() === 'ip' && open.args.slice(1).some((range) => broadness(range) === 'everyone'));
        // "From the office network, or with a password" (Require ip … beside Require valid-user) is
        // the documented successor of Satisfy Any: inside an explicit <RequireAny> it is said on
        // purpose; without one it is most often meant too, so it is only noted.
        const explicitAny = requireContainer(open)?.toLowerCase() === 'requireany';
        if (!everyone && explicitAny) continue;
        context.report({
          file: open.file,
          range: open.directive.range,
          chain: open.chain,
          ...(everyone ? {} : { severity: 'info' as const }),
          message: `"Require ${open.args.join(' ')}" and "Require ${user.args.join(' ')}" in ${describeApacheScope(scope)} are alternatives (${explicitAny ? 'a <RequireAny>' : 'an implicit <RequireAny>'}): ${everyone ? 'every request is granted without a password (200)' : `requests matching "${open.args.join(' ')}" get in without a password — if that is intended, wrap both lines in <RequireAny> to say so`}`,
          related: [{ file: user.file, range: user.directive.range, message: 'the password requirement it bypasses' }],
          fix: { snippet: `<RequireAll>\n    Require valid-user\n    Require ${everyone ? 'ip 192.0.2.0/24' : open.args.join(' ')}\n</RequireAll>`, commands: apacheCommands(model) },
        });
      }
    }
  },
};

function insideRequireAll(placed: import('../../../apache/config-tree').ApachePlaced): boolean {
  const container = requireContainer(placed)?.toLowerCase();
  return container === 'requireall' || container === 'requirenone';
}
