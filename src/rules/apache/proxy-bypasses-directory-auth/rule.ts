import type { ApacheModel } from '../../../apache/model';
import { describeApacheScope, directoryKey, directoryKeysAbove, enclosingVhost, own, walkApacheScopes, type ApacheScope } from '../../../apache/scopes';
import { compilePcre } from '../../../http/pcre';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

/** A17: ProxyPass/ProxyPassMatch hand URLs to a backend before the <Directory> walk: Directory auth does not apply. */
export const proxyBypassesDirectoryAuth: Rule = {
  meta: {
    id: 'apache/proxy-bypasses-directory-auth',
    severity: 'error',
    description: 'ProxyPass or ProxyPassMatch takes URLs whose files are protected only by <Directory>/.htaccess: proxied requests skip that auth.',
  },
  check(context) {
    for (const model of context.apache) {
      const protectedDirs = [...walkApacheScopes(model.root), ...model.htaccess].filter(
        (s) => (s.kind === 'directory' || s.kind === 'htaccess') && s.path && !/[*?[~]/.test(s.path) && s.directives.some((d) => /^require$/i.test(d.directive.name) && /^(valid-user|user|group)$/i.test(d.args[0] ?? '')),
      );
      if (protectedDirs.length === 0) continue;
      const rootOf = firstRootAbove(model);
      // A ProxyPass of a <VirtualHost> takes that vhost's requests only: the sections that could
      // have protected them are its own, the server config's and the .htaccess files. (Testing
      // every section for every ProxyPass was quadratic on a config of 10,000 proxied vhosts.)
      const order = new Map(protectedDirs.map((dir, i) => [dir, i]));
      const byOwner = new Map<ApacheScope | undefined, ApacheScope[]>();
      for (const dir of protectedDirs) {
        const owner = enclosingVhost(dir);
        const list = byOwner.get(owner);
        if (list) list.push(dir);
        else byOwner.set(owner, [dir]);
      }
      const dirsFor = (scope: ApacheScope): ApacheScope[] =>
        scope.kind === 'vhost' ? [...(byOwner.get(scope) ?? []), ...(byOwner.get(undefined) ?? [])].sort((a, b) => (order.get(a) as number) - (order.get(b) as number)) : protectedDirs;
      for (const scope of walkApacheScopes(model.root)) {
        if (scope.kind !== 'server' && scope.kind !== 'vhost') continue;
        const proxies = [...own(scope, 'ProxyPass'), ...own(scope, 'ProxyPassMatch')];
        if (proxies.length === 0) continue;
        const dirs = dirsFor(scope);
        for (const proxy of proxies) {
          const [from, to] = proxy.args;
          if (!from || !to || to === '!') continue;
          const isMatch = /^proxypassmatch$/i.test(proxy.directive.name);
          // Compiled once per ProxyPassMatch, not once per directory it is compared with.
          const fromRegex = isMatch ? compilePcre(from, false) : undefined;
          for (const dir of dirs) {
            const root = rootOf(dir.path as string);
            if (!root) continue;
            const url = (dir.path as string).slice(root.length).replace(/\/?$/, '/') || '/';
            const samples = [url, `${url}index.php`, `${url}x.php`, `${url}x`];
            const overlaps = isMatch ? samples.some((u) => fromRegex?.test(u)) : samples.some((u) => u.startsWith(from)) || from.startsWith(url);
            if (!overlaps) continue;
            context.report({
              file: proxy.file,
              range: proxy.directive.range,
              chain: proxy.chain,
              message: `${proxy.directive.name} ${from} hands URLs under ${url} to ${to} before Apache walks the file system, so the password of ${describeApacheScope(dir)} is never asked for them (AH01628: authorization result: granted (no directives))`,
              fix: { snippet: `<Location "${url}">\n    AuthType Basic\n    AuthName "Admin area"\n    AuthUserFile /etc/apache2/htpasswd\n    Require valid-user\n</Location>\n# or, for PHP: <FilesMatch "\\.php$"> SetHandler "proxy:unix:/run/php/php-fpm.sock|fcgi://localhost" </FilesMatch>`, commands: apacheCommands(model) },
            });
            break;
          }
        }
      }
    }
  },
};

/**
 * The first DocumentRoot in config order that a directory is at or below (isAtOrBelow), found by
 * looking the directory and its parents up in an index of the roots rather than testing each root.
 */
function firstRootAbove(model: ApacheModel): (dir: string) => string | undefined {
  const roots = [...walkApacheScopes(model.root)].flatMap((s) => own(s, 'DocumentRoot')).map((d) => (d.args[0] ?? '').replace(/\/+$/, '')).filter(Boolean);
  const firstByKey = new Map<string, number>();
  roots.forEach((root, i) => {
    const key = directoryKey(root);
    if (!firstByKey.has(key)) firstByKey.set(key, i);
  });
  const memo = new Map<string, string | undefined>();
  return (dir) => {
    if (memo.has(dir)) return memo.get(dir);
    let best: number | undefined;
    for (const k of directoryKeysAbove(dir)) {
      const i = firstByKey.get(k);
      if (i !== undefined && (best === undefined || i < best)) best = i;
    }
    const found = best === undefined ? undefined : roots[best];
    memo.set(dir, found);
    return found;
  };
}
