import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';
import type { Rule, RuleMeta } from '../../../engine/rule';

const meta: RuleMeta = {
  id: 'generic/path-outside-root',
  severity: 'error',
  description: 'With --root, a path named in a config leads outside the root directory; authlint does not read it.',
};
const fromLoader = loaderDiagnosticRule(meta);

/**
 * With --root, a path in a config that leads outside the root directory is refused and not
 * read (an untrusted config must not make authlint read the host's files).
 */
export const pathOutsideRoot: Rule = {
  meta,
  check(context) {
    fromLoader.check(context);
    for (const model of context.nginx) {
      for (const [placed, state] of model.userFileStates()) {
        if (state.kind !== 'outside-root') continue;
        const arg = placed.directive.args[0];
        context.report({
          file: placed.file,
          range: arg.range,
          message: `auth_basic_user_file "${arg.value}" not read: ${state.reason}`,
          chain: placed.chain,
        });
      }
    }
  },
};
