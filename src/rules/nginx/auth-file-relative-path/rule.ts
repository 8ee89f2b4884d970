import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** N06: relative user files resolve against the conf prefix, which surprises. */
export const authFileRelativePath: Rule = {
  meta: {
    id: 'nginx/auth-file-relative-path',
    severity: 'warning',
    description: 'A relative auth_basic_user_file: nginx resolves it against the conf prefix, not the including file.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const [placed, state] of model.userFileStates()) {
        const arg = placed.directive.args[0];
        if (!arg || arg.value.startsWith('/') || arg.value.startsWith('$') || state.kind === 'variable') continue;
        const resolved = 'serverPath' in state ? state.serverPath : arg.value;
        context.report({
          file: placed.file,
          range: arg.range,
          chain: placed.chain,
          message: `auth_basic_user_file ${arg.raw} is relative: nginx reads ${resolved} (relative to the conf prefix ${model.confPrefix}, not to ${placed.file.serverPath}); the same config under another prefix (nginx -p, a container) reads another file`,
          fix: { snippet: `auth_basic_user_file ${resolved};`, commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
