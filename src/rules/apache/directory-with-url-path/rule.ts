import * as path from 'node:path';
import { walkApacheScopes } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands, argsText } from '../common';
import { userRequires } from '../shared/structure';

/** A16: <Directory> with a URL path (or a path that does not exist) never matches. */
export const directoryWithUrlPath: Rule = {
  meta: {
    id: 'apache/directory-with-url-path',
    severity: 'error',
    description: '<Directory> with auth names a path that is not a directory on the server (often a URL path like /admin): it never applies, and the content is public.',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain) continue;
      for (const scope of walkApacheScopes(model.root)) {
        if (scope.kind !== 'directory' || !scope.path || /[*?[~]/.test(scope.path) || scope.section?.args[0] === '~') continue;
        if (userRequires(scope).length === 0) continue;
        const state = model.fileState(scope.path);
        // Outside a copy of the ServerRoot (a checkout), the directory is the server's: not checked here.
        if (state.kind !== 'missing' || !model.checkedHere(scope.path, scope.section!.file)) continue;
        // Is it a URL path whose files exist under a document root?
        const asUrl = model.webRoots().find((root) => root.url === '/' && model.fileState(path.posix.join(root.dir, scope.path as string)).kind === 'not-regular');
        context.report({
          file: scope.section!.file,
          range: scope.section!.directive.args[0].range,
          chain: scope.section!.chain,
          message: `<Directory ${scope.path}> names a directory that does not exist on the server, so it never applies${asUrl ? `; ${scope.path} looks like a URL path (the files are in ${path.posix.join(asUrl.dir, scope.path)}), which <Location> or the real directory would protect` : ''}: the content is served without a password`,
          fix: {
            snippet: [asUrl ? `<Directory "${path.posix.join(asUrl.dir, scope.path)}">` : `<Location "${scope.path}">`, ...scope.directives.map((d) => `    ${argsText(d)}`), asUrl ? '</Directory>' : '</Location>'].join('\n'),
            commands: apacheCommands(model) },
        });
      }
    }
  },
};
