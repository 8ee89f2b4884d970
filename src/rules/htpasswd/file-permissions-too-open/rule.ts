import { modeString, owner } from '../../../htpasswd/permissions';
import type { Rule } from '../../../engine/rule';
import { fixCommands, whole } from '../shared/file-permissions';

/** H18: world-readable hashes, or a file others can write. */
export const filePermissionsTooOpen: Rule = {
  meta: {
    id: 'htpasswd/file-permissions-too-open',
    severity: 'warning',
    description: 'The password file is readable by every local user (warning) or writable by others than its owner (error).',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
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
