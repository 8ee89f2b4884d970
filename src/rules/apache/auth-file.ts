import { freshHashFlags } from '../../htpasswd/fresh-hash';
import type { Rule } from '../../engine/rule';
import { apacheCommands } from './common';
import { sh } from '../../core/shell';
import { hasTemplatePlaceholder } from '../../core/templates';

/** AuthUserFile directives whose value is a path (a template placeholder is not one yet). */
function userFiles(model: import('../../apache/model').ApacheModel) {
  return model.scopes().flatMap((scope) => scope.directives.filter((d) => /^authuserfile$/i.test(d.directive.name) && d.args[0] && !hasTemplatePlaceholder(d.args[0])));
}

/** A07 / A10: the AuthUserFile does not exist or is not a regular file: 500 for every login. */
export const apacheAuthFileMissing: Rule = {
  meta: {
    id: 'apache/auth-file-missing',
    severity: 'error',
    description: 'The AuthUserFile does not exist (or is not a regular file): requests without credentials get 401, every login gets 500 (AH01620).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const placed of userFiles(model)) {
        const state = model.fileState(placed.args[0]);
        if (state.kind !== 'missing' && state.kind !== 'not-regular') continue;
        const relative = !placed.args[0].startsWith('/');
        context.report({
          file: placed.file,
          range: placed.directive.args[0].range,
          chain: placed.chain,
          // A file linted alone (no main config) names the server's paths: without --root they
          // are looked up on this machine, which may not be the server — a note, not an error.
          ...(model.config.isMain || (!relative && model.rooted) ? {} : { severity: 'info' as const }),
          message:
            state.kind === 'missing'
              ? `AuthUserFile "${state.serverPath}" does not exist${relative ? ` (relative: Apache resolves it against ServerRoot ${model.config.serverRoot})` : ''}${!model.config.isMain && !model.rooted ? ' on this machine (this file was linted alone, without its main config or --root: check the path on the server)' : ''}: apachectl configtest does not notice, but every login gets 500, logging (2)No such file or directory: AH01620: Could not open password file: ${state.serverPath}`
              : `AuthUserFile "${state.serverPath}" is not a regular file: every login gets 500, logging AH00554: Access to file ${state.serverPath} denied by server: not a regular file`,
          fix: { snippet: '', commands: [`htpasswd -c ${freshHashFlags(['apache'])} ${sh`${state.serverPath}`} USERNAME`] },
        });
      }
    }
  },
};

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
