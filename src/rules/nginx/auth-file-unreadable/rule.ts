import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** N05: the user file is there but cannot be opened or read (a directory, EACCES, ENOTDIR…): 500. */
export const authFileUnreadable: Rule = {
  meta: {
    id: 'nginx/auth-file-unreadable',
    severity: 'error',
    description: 'The auth_basic_user_file is a directory or cannot be opened: every login gets 500.',
  },
  check(context) {
    for (const model of context.nginx) {
      const inUse = model.userFilesInUse();
      for (const [placed, state] of model.userFileStates()) {
        if (!inUse.has(placed) || (state.kind !== 'directory' && state.kind !== 'error')) continue;
        const arg = placed.directive.args[0];
        const log =
          state.kind === 'directory'
            ? `[crit] pread() "${state.serverPath}" failed (21: Is a directory)`
            : `[crit] open() "${state.serverPath}" failed (${state.code === 'EACCES' ? '13: Permission denied' : state.code})`;
        context.report({
          file: placed.file,
          range: arg.range,
          chain: placed.chain,
          message: `auth_basic_user_file "${state.serverPath}" ${state.kind === 'directory' ? 'is a directory' : `cannot be opened (${state.code})`}: requests without credentials get 401, every login gets 500 with the log line ${log}`,
          fix: { snippet: `auth_basic_user_file ${state.kind === 'directory' ? `${state.serverPath.replace(/\/$/, '')}/htpasswd` : state.serverPath};`, commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
