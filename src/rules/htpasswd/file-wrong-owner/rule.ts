import type { Rule } from '../../../engine/rule';
import { workers, fixCommands, whole } from '../shared/file-permissions';

/** H18: a password file owned by someone other than root. */
export const fileWrongOwner: Rule = {
  meta: {
    id: 'htpasswd/file-wrong-owner',
    severity: 'warning',
    description: 'The password file is owned by an account other than root (often the web server user, which could then rewrite it).',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
      if (!model.permissionsKnown || model.stat.uid === 0 || !model.accounts.userById.has(model.stat.uid)) continue;
      const name = model.accounts.userById.get(model.stat.uid) ?? `uid ${model.stat.uid}`;
      const isWorker = workers(model).includes(name);
      context.report({
        file: model.file,
        range: whole(model),
        message: `the file is owned by ${name}${isWorker ? ', the account the web server runs as: a compromised worker or application can rewrite it and add itself a login' : ', not root: that account can change every password in it'}`,
        related: model.referenceRelated(),
        fix: { snippet: '', commands: fixCommands(model) },
      });
    }
  },
};
