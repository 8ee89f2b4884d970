import { own } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { lastOf } from '../shared/groups-digest-proxy';

/** A24: Require group without a usable AuthGroupFile, or naming a group the file lacks. */
export const groupFileProblems: Rule = {
  meta: {
    id: 'apache/group-file-problems',
    severity: 'error',
    description: 'Require group with no AuthGroupFile, a missing group file, or a group the file does not define: every login gets 401 again (AH01664/AH01665/AH01631).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const r of own(scope, 'Require')) {
          if (r.args[0]?.toLowerCase() !== 'group') continue;
          const groupFile = lastOf(model.sectionsInForce(scope), 'AuthGroupFile');
          let message: string | undefined;
          if (!groupFile) message = `Require group ${r.args.slice(1).join(' ')} but no AuthGroupFile applies: every login gets 401 again, logging AH01664: No group file was specified in the configuration`;
          else {
            const state = model.fileState(groupFile.args[0] ?? '');
            if (state.kind === 'missing' && !model.checkedHere(state.serverPath, groupFile.file)) continue;
            if (state.kind === 'missing') message = `the AuthGroupFile ${state.serverPath} does not exist: every login gets 401 again, logging (2)No such file or directory: AH01665: Could not open group file: ${state.serverPath}`;
            else if (state.kind === 'file') {
              const content = model.fileContent(groupFile.args[0] ?? '');
              if (!content) continue;
              const groups = new Set(content.bytes.toString('utf8').split('\n').map((line) => line.split(':')[0].trim()).filter((name) => name && !name.startsWith('#')));
              const absent = r.args.slice(1).filter((g) => !groups.has(g));
              if (absent.length > 0) message = `group${absent.length > 1 ? 's' : ''} ${absent.join(', ')} not defined in ${state.serverPath} (lines are "group: user1 user2"): nobody can pass this Require, every login gets 401 again (AH01631)`;
            }
          }
          if (!message) continue;
          context.report({
            file: r.file,
            range: r.directive.range,
            chain: r.chain,
            message,
            fix: { snippet: '# /etc/apache2/groups holds lines such as "admins: alice carol"\nAuthGroupFile /etc/apache2/groups\nRequire group admins', commands: apacheCommands(model) },
          });
        }
      }
    }
  },
};
