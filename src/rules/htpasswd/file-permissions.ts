import { canRead, modeString, owner } from '../../htpasswd/permissions';
import type { HtpasswdModel } from '../../htpasswd/model';
import type { Rule } from '../../engine/rule';
import { sh } from '../../core/shell';

function workers(model: HtpasswdModel): string[] {
  const users = [...new Set(model.consumers.map((consumer) => consumer.workerUser))];
  return users.length > 0 ? users : ['www-data'];
}

function fixCommands(model: HtpasswdModel): string[] {
  const path = model.file.serverPath ?? model.file.diskPath;
  const group = workers(model)[0];
  return [sh`chown ${`root:${group}`} ${path}`, sh`chmod 0640 ${path}`];
}

const whole = (model: HtpasswdModel) => model.doc.index.range(0, 0);

/** H18: world-readable hashes, or a file others can write. */
export const filePermissionsTooOpen: Rule = {
  meta: {
    id: 'htpasswd/file-permissions-too-open',
    severity: 'warning',
    description: 'The password file is readable by every local user (warning) or writable by others than its owner (error).',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.permissionsKnown) continue;
      const mode = model.stat.mode & 0o777;
      const writable = (mode & 0o022) !== 0;
      const readable = (mode & 0o004) !== 0;
      if (!writable && !readable) continue;
      context.report({
        file: model.file,
        range: whole(model),
        severity: writable ? 'error' : 'warning',
        message: writable
          ? `mode ${modeString(mode)} (${owner(model.stat, model.accounts)}) lets ${mode & 0o002 ? 'every local user' : 'the group'} write the file: they can add a user and log in`
          : `mode ${modeString(mode)} (${owner(model.stat, model.accounts)}) lets every local user, and any script or CGI on the machine, read the hashes and crack them offline (htpasswd -c creates files 0644)`,
        related: model.referenceRelated(),
        fix: { snippet: '', commands: fixCommands(model) },
      });
    }
  },
};

/** H19 / N05: the worker cannot open the file: 500 for every login. */
export const fileNotReadableByWorker: Rule = {
  meta: {
    id: 'htpasswd/file-not-readable-by-worker',
    severity: 'error',
    description: 'The account the server workers run as cannot read the password file: every login gets 500.',
  },
  check(context) {
    for (const model of context.htpasswd) {
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

/** H18: a password file owned by someone other than root. */
export const fileWrongOwner: Rule = {
  meta: {
    id: 'htpasswd/file-wrong-owner',
    severity: 'warning',
    description: 'The password file is owned by an account other than root (often the web server user, which could then rewrite it).',
  },
  check(context) {
    for (const model of context.htpasswd) {
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
