import type { Rule } from '../../../engine/rule';
import { rehashCommand, userText } from '../common';
import { sh } from '../../../core/shell';

/** H15: both servers use the first entry of a user; a later one is dead. */
export const duplicateUser: Rule = {
  meta: {
    id: 'htpasswd/duplicate-user',
    severity: 'warning',
    description: 'A user listed twice: the first entry wins, so editing the later one changes nothing.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      // The users of the file's earlier windows too: a big file is read window by window.
      const users = model.part.users;
      for (const entry of model.entries()) {
        const earlier = users.first(entry.user);
        if (earlier) {
          context.report({
            file: model.file,
            range: entry.userRange,
            message: () => `user ${userText(entry.user)} on line ${entry.line.number} is already defined on line ${earlier.line}: ${model.serversText()} use the first entry, so this one is never read (a new password written here gets 401 "password mismatch")`,
            related: [{ file: model.file, range: earlier.userRange, message: `the entry that wins (line ${earlier.line})` }],
            // htpasswd -D removes every entry of the user; the second command adds it back once.
            fix: () => ({ snippet: '', commands: [sh`htpasswd -D ${model.file.serverPath ?? model.file.diskPath} ${entry.user}`, rehashCommand(model, entry.user, 'add')] }),
          });
          continue;
        }
        users.add(entry);
        const other = users.firstSpelling(entry.user.toLowerCase(), entry);
        if (other && other.user !== entry.user) {
          context.report({
            file: model.file,
            range: entry.userRange,
            severity: 'info',
            message: () => `user ${userText(entry.user)} on line ${entry.line.number} differs from ${userText(other.user)} (line ${other.line}) only in case: user names are case-sensitive, so these are two accounts`,
            related: [{ file: model.file, range: other.userRange, message: `the other spelling (line ${other.line})` }],
          });
        }
      }
    }
  },
};
