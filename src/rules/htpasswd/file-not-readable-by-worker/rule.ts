import { canRead } from '../../../htpasswd/permissions';
import type { Rule } from '../../../engine/rule';
import { workers, fixCommands, whole } from '../shared/file-permissions';

/** H19 / N05: the worker cannot open the file: 500 for every login. */
export const fileNotReadableByWorker: Rule = {
  meta: {
    id: 'htpasswd/file-not-readable-by-worker',
    severity: 'error',
    description: 'The account the server workers run as cannot read the password file: every login gets 500.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
      if (!model.referenced || !model.permissionsKnown) continue;
      for (const user of workers(model)) {
        if (!model.accounts.users.has(user)) continue;
        const access = canRead(model.file.diskPath, model.top, user, model.accounts);
        if (access.readable) continue;
        const path = model.file.serverPath ?? model.file.diskPath;
        context.report({
          file: model.file,
          range: whole(model),
          message:
            `the ${model.serversText()} workers run as ${user}, who cannot read this file (${access.reason}): requests without credentials get 401, ` +
            `every login gets 500 with the log line: open() "${path}" failed (13: Permission denied) (Apache: AH01620)`,
          related: model.referenceRelated(),
          fix: { snippet: '', commands: fixCommands(model) },
        });
      }
    }
  },
};
