import { describeApacheScope, isAtOrBelow } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands, argsText } from '../common';

const AUTH = /^(require|requireall|requireany|requirenone|authtype|authname|authuserfile|authbasicprovider|authgroupfile)$/i;

/**
 * A <Directory> written with the resolved path of a symlinked DocumentRoot (or Alias target).
 * httpd walks the directories of the path it builds from the URL — DocumentRoot as written plus
 * the URI — and matches <Directory> sections against those, not against where the links lead;
 * a section named by the link's target never applies to requests that come in through the link.
 * Deploy layouts (DocumentRoot /var/www/app → /srv/app/releases/42/public) make this common.
 */
export const directorySymlinkPath: Rule = {
  meta: {
    id: 'apache/directory-symlink-path',
    severity: 'error',
    description: '<Directory> names the resolved path of a symlinked DocumentRoot or Alias target: httpd matches sections against the path built from the URL, so the section (and its password) never applies (200).',
  },
  check(context) {
    for (const model of context.apache) {
      const roots = model.webRoots();
      const linked = roots
        .map((root) => ({ ...root, real: model.resolvedPath(root.dir)?.replace(/\/+$/, '') }))
        .filter((root): root is { dir: string; url: string; real: string } => root.real !== undefined && root.real !== root.dir);
      if (linked.length === 0) continue;
      for (const scope of model.scopes()) {
        if (scope.kind !== 'directory' || !scope.path || /[*?[~]/.test(scope.path) || scope.section?.args[0] === '~') continue;
        if (!scope.directives.some((d) => AUTH.test(d.directive.name))) continue;
        const dir = scope.path.replace(/\/+$/, '');
        // Reached as written through some DocumentRoot or Alias: the section does apply there.
        if (roots.some((root) => isAtOrBelow(dir, root.dir))) continue;
        const through = linked.find((root) => isAtOrBelow(dir, root.real));
        if (!through) continue;
        const asServed = through.dir + dir.slice(through.real.length);
        const url = (through.url.replace(/\/+$/, '') + dir.slice(through.real.length) + '/').replace(/\/{2,}/g, '/');
        const protects = scope.directives.some((d) => /^require$/i.test(d.directive.name) && /^(valid-user|user|group)$/i.test(d.args[0] ?? ''));
        context.report({
          file: scope.section!.file,
          range: scope.section!.directive.nameRange,
          chain: scope.section!.chain,
          message: `${describeApacheScope(scope)} names the resolved path of ${through.url === '/' ? 'DocumentRoot' : `Alias ${through.url}`} ${through.dir} (a symbolic link to ${through.real}): httpd matches <Directory> against the path it builds from the URL (${asServed}), not where the link leads, so this section never applies${protects ? ` — its password is never asked and ${url} is served without one (200)` : ''}`,
          fix: { snippet: [`<Directory ${asServed}>`, ...scope.directives.map((d) => `    ${argsText(d)}`), '</Directory>'].join('\n'), commands: apacheCommands(model) },
        });
      }
    }
  },
};
