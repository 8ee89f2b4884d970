import * as path from 'node:path';
import type { ApacheModel } from '../../../apache/model';
import { enclosingVhost, walkApacheScopes, type ApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands, argsText } from '../common';
import { userRequires } from '../shared/structure';

/** Document roots a missing <Directory> path is tried under, as a URL path (see check). */
const MAX_ROOTS_TRIED = 64;

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
      const roots = documentRoots(model);
      for (const scope of walkApacheScopes(model.root)) {
        if (scope.kind !== 'directory' || !scope.path || /[*?[~]/.test(scope.path) || scope.section?.args[0] === '~') continue;
        if (userRequires(scope).length === 0) continue;
        const state = model.fileState(scope.path);
        // Outside a copy of the ServerRoot (a checkout), the directory is the server's: not checked here.
        if (state.kind !== 'missing' || !model.checkedHere(scope.path, scope.section!.file)) continue;
        // Is it a URL path whose files exist under a document root? In a <VirtualHost>, under
        // that vhost's roots and the server config's (a URL path means one of its own sites);
        // in the server config, under its own roots, then the first others of the config. At
        // most MAX_ROOTS_TRIED, each a look at the disk: 10,000 vhosts each with such a section
        // asked every root for every section before (10^8 stats).
        const vhost = enclosingVhost(scope);
        const own = (roots.byVhost.get(vhost) ?? []).slice(0, MAX_ROOTS_TRIED);
        const server = vhost ? (roots.byVhost.get(undefined) ?? []).slice(0, MAX_ROOTS_TRIED) : roots.first;
        const tried = [...new Set([...own, ...server])].slice(0, MAX_ROOTS_TRIED);
        const root = tried.find((dir) => model.fileState(path.posix.join(dir, scope.path as string)).kind === 'not-regular');
        const realDir = root === undefined ? undefined : path.posix.join(root, scope.path);
        context.report({
          file: scope.section!.file,
          range: scope.section!.directive.args[0].range,
          chain: scope.section!.chain,
          message: `<Directory ${scope.path}> names a directory that does not exist on the server, so it never applies${realDir ? `; ${scope.path} looks like a URL path (the files are in ${realDir}), which <Location> or the real directory would protect` : ''}: the content is served without a password`,
          fix: {
            snippet: [realDir ? `<Directory "${realDir}">` : `<Location "${scope.path}">`, ...scope.directives.map((d) => `    ${argsText(d)}`), realDir ? '</Directory>' : '</Location>'].join('\n'),
            commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** The DocumentRoot directories of a model: per declaring vhost (undefined: the server config), and the first MAX_ROOTS_TRIED distinct ones in config order. */
function documentRoots(model: ApacheModel): { byVhost: Map<ApacheScope | undefined, string[]>; first: string[] } {
  const byVhost = new Map<ApacheScope | undefined, string[]>();
  const first = new Set<string>();
  for (const root of model.webRoots()) {
    if (root.url !== '/') continue;
    const list = byVhost.get(root.vhost);
    if (list) list.push(root.dir);
    else byVhost.set(root.vhost, [root.dir]);
    if (first.size < MAX_ROOTS_TRIED) first.add(root.dir);
  }
  return { byVhost, first: [...first] };
}
