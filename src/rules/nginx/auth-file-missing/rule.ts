import { freshHashCommand } from '../../../htpasswd/fresh-hash';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { SUGGESTED_USER_FILE } from '../fix-snippets';

/**
 * nginx opens the user file on each request that carries credentials; nginx -t never checks
 * it. ENOENT gives 403 (ngx_http_auth_basic_handler: err == NGX_ENOENT → NGX_HTTP_FORBIDDEN).
 */
export const authFileMissing: Rule = {
  meta: {
    id: 'nginx/auth-file-missing',
    severity: 'error',
    description: 'The auth_basic_user_file does not exist: every login fails with 403.',
  },
  check(context) {
    for (const model of context.nginx) {
      // Only user files that some request would open: effective where auth_basic is on.
      const inUse = model.userFilesInUse();
      for (const [placed, state] of model.userFileStates()) {
        if (state.kind !== 'missing' || !inUse.has(placed)) continue;
        const arg = placed.directive.args[0];
        const relative = !arg.value.startsWith('/');
        const where = relative
          ? ` (a relative path: nginx resolves it against the conf prefix ${model.confPrefix}, not against the including file)`
          : '';
        const target = relative ? SUGGESTED_USER_FILE : state.serverPath;
        const elsewhere = !model.checkedHere(state.serverPath, placed.file);
        const alone = !model.config.confPrefixKnown
          ? ' (on this machine: this file was linted alone, with no nginx.conf above it — check the path on the server, or lint the tree with --root)'
          : elsewhere
            ? ' here (this tree is a copy of the server\'s configuration directory, and the path lies outside it: not checked — check it on the server, or lint a copy of the whole server with --root)'
            : '';
        context.report({
          file: placed.file,
          range: arg.range,
          chain: placed.chain,
          ...(model.config.confPrefixKnown && !elsewhere ? {} : { severity: 'info' as const }),
          message:
            `auth_basic_user_file "${state.serverPath}" does not exist${where}${alone}: nginx -t does not notice, but requests without ` +
            `credentials get 401 and every login gets 403, with the error log line: open() "${state.serverPath}" failed (2: No such file or directory)`,
          fix: {
            // An absolute path needs no change, only the file; a relative one is better made absolute.
            snippet: relative ? `auth_basic_user_file ${target};` : '',
            commands: [freshHashCommand(['nginx'], undefined, target, 'USERNAME', 'create'), ...NGINX_TEST_AND_RELOAD],
          },
        });
      }
    }
  },
};
