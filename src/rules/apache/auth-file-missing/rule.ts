import { freshHashCommand } from '../../../htpasswd/fresh-hash';
import type { Rule } from '../../../engine/rule';
import { userFiles } from '../shared/auth-file';

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
          ...((model.config.isMain || (!relative && model.rooted)) && model.checkedHere(state.serverPath, placed.file) ? {} : { severity: 'info' as const }),
          message:
            state.kind === 'missing'
              ? `AuthUserFile "${state.serverPath}" does not exist${relative ? ` (relative: Apache resolves it against ServerRoot ${model.config.serverRoot})` : ''}${!model.config.isMain && !model.rooted ? ' on this machine (this file was linted alone, without its main config or --root: check the path on the server)' : !model.checkedHere(state.serverPath, placed.file) ? ' here (this tree is a copy of the server\'s ServerRoot, and the path lies outside it: not checked — check it on the server, or lint a copy of the whole server with --root)' : ''}: apachectl configtest does not notice, but every login gets 500, logging (2)No such file or directory: AH01620: Could not open password file: ${state.serverPath}`
              : `AuthUserFile "${state.serverPath}" is not a regular file: every login gets 500, logging AH00554: Access to file ${state.serverPath} denied by server: not a regular file`,
          fix: { snippet: '', commands: [freshHashCommand(['apache'], undefined, state.serverPath, 'USERNAME', 'create')] },
        });
      }
    }
  },
};
