import { describeApacheScope, isAtOrBelow, own, walkApacheScopes } from '../../../apache/scopes';
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
      const roots = [...walkApacheScopes(model.root)].flatMap((s) => own(s, 'DocumentRoot')).map((d) => (d.args[0] ?? '').replace(/\/+$/, '')).filter(Boolean);
      for (const scope of walkApacheScopes(model.root)) {
        if (scope.kind !== 'server' && scope.kind !== 'vhost') continue;
        for (const proxy of [...own(scope, 'ProxyPass'), ...own(scope, 'ProxyPassMatch')]) {
          const [from, to] = proxy.args;
          if (!from || !to || to === '!') continue;
          const isMatch = /^proxypassmatch$/i.test(proxy.directive.name);
          for (const dir of protectedDirs) {
            const root = roots.find((r) => isAtOrBelow(dir.path as string, r));
            if (!root) continue;
            const url = (dir.path as string).slice(root.length).replace(/\/?$/, '/') || '/';
            const samples = [url, `${url}index.php`, `${url}x.php`, `${url}x`];
            const overlaps = isMatch ? samples.some((u) => compilePcre(from, false)?.test(u)) : samples.some((u) => u.startsWith(from)) || from.startsWith(url);
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
