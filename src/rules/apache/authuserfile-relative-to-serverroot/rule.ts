import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { userFiles } from '../shared/auth-file';

/** A09: a relative AuthUserFile is relative to ServerRoot, not to the .htaccess or the config file. */
export const authuserfileRelativeToServerroot: Rule = {
  meta: {
    id: 'apache/authuserfile-relative-to-serverroot',
    severity: 'warning',
    description: 'A relative AuthUserFile: Apache resolves it against ServerRoot, not the directory of the .htaccess or config file.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const placed of userFiles(model)) {
        if (placed.args[0].startsWith('/')) continue;
        const resolved = model.serverPath(placed.args[0]);
        context.report({
          file: placed.file,
          range: placed.directive.args[0].range,
          chain: placed.chain,
          message: `AuthUserFile ${placed.directive.args[0].raw} is relative: Apache reads ${resolved} (relative to ServerRoot ${model.config.serverRoot}${model.config.isMain ? '' : ', assumed'}), not a file next to ${placed.file.serverPath}`,
          fix: { snippet: `AuthUserFile ${resolved}`, commands: apacheCommands(model) },
        });
      }
    }
  },
};
