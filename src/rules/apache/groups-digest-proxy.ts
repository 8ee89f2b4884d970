import { describeApacheScope, isAtOrBelow, own, walkApacheScopes, type ApacheScope } from '../../apache/scopes';
import { compilePcre } from '../../http/pcre';
import { parseHtpasswd } from '../../parsers/htpasswd/parser';
import { apacheView } from '../../htpasswd/views';
import type { Rule } from '../../engine/rule';
import { apacheCommands } from './common';

function chainUp(scope: ApacheScope): ApacheScope[] {
  const up: ApacheScope[] = [];
  for (let level: ApacheScope | undefined = scope; level; level = level.parent) up.unshift(level);
  return up;
}

function lastOf(scopes: readonly ApacheScope[], name: string) {
  let found;
  for (const scope of scopes) found = own(scope, name).pop() ?? found;
  return found;
}

/** A24: Require group without a usable AuthGroupFile, or naming a group the file lacks. */
export const groupFileProblems: Rule = {
  meta: {
    id: 'apache/group-file-problems',
    severity: 'error',
    description: 'Require group with no AuthGroupFile, a missing group file, or a group the file does not define: every login gets 401 again (AH01664/AH01665/AH01631).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const r of own(scope, 'Require')) {
          if (r.args[0]?.toLowerCase() !== 'group') continue;
          const groupFile = lastOf(chainUp(scope), 'AuthGroupFile');
          let message: string | undefined;
          if (!groupFile) message = `Require group ${r.args.slice(1).join(' ')} but no AuthGroupFile applies: every login gets 401 again, logging AH01664: No group file was specified in the configuration`;
          else {
            const state = model.fileState(groupFile.args[0] ?? '');
            if (state.kind === 'missing') message = `the AuthGroupFile ${state.serverPath} does not exist: every login gets 401 again, logging (2)No such file or directory: AH01665: Could not open group file: ${state.serverPath}`;
            else if (state.kind === 'file') {
              const content = model.fileContent(groupFile.args[0] ?? '');
              if (!content) continue;
              const groups = new Set(content.bytes.toString('utf8').split('\n').map((line) => line.split(':')[0].trim()).filter((name) => name && !name.startsWith('#')));
              const absent = r.args.slice(1).filter((g) => !groups.has(g));
              if (absent.length > 0) message = `group${absent.length > 1 ? 's' : ''} ${absent.join(', ')} not defined in ${state.serverPath} (lines are "group: user1 user2"): nobody can pass this Require, every login gets 401 again (AH01631)`;
            }
          }
          if (!message) continue;
          context.report({
            file: r.file,
            range: r.directive.range,
            chain: r.chain,
            message,
            fix: { snippet: 'AuthGroupFile /etc/apache2/groups      # admins: alice carol\nRequire group admins', commands: apacheCommands(model) },
          });
        }
      }
    }
  },
};

/** A25: Digest with an htpasswd file, or Digest with a realm the htdigest file does not use. */
export const digestBasicMismatch: Rule = {
  meta: {
    id: 'apache/digest-basic-mismatch',
    severity: 'error',
    description: 'AuthType Digest reading an htpasswd file (user:hash), or an AuthName that is not the realm of the htdigest file: nobody can log in (AH01790).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const type = own(scope, 'AuthType').pop();
        if (type?.args[0]?.toLowerCase() !== 'digest') continue;
        const chain = chainUp(scope);
        const file = lastOf(chain, 'AuthUserFile');
        const realm = lastOf(chain, 'AuthName')?.args[0];
        if (!file) continue;
        const content = model.fileContent(file.args[0] ?? '');
        if (!content) continue;
        const state = content.state;
        const lines = apacheView(parseHtpasswd(content.bytes)).entries;
        const digestLines = lines.filter((e) => e.extra !== undefined && /^[0-9a-f]{32}$/.test(e.extra));
        let message: string | undefined;
        if (lines.length > 0 && digestLines.length === 0) message = `AuthType Digest reads ${state.serverPath}, an htpasswd file (user:hash): Digest needs htdigest's user:realm:md5 lines, so every login gets 401 again (AH01790: user … in realm … not found)`;
        else if (realm !== undefined && digestLines.length > 0 && !digestLines.some((e) => e.hash === realm)) {
          message = `AuthName "${realm}" is not the realm of ${state.serverPath} (it has ${[...new Set(digestLines.map((e) => `"${e.hash}"`))].join(', ')}): Digest looks users up by realm, so every login gets 401 again (AH01790)`;
        }
        if (!message) continue;
        context.report({
          file: type.file,
          range: type.directive.range,
          chain: type.chain,
          message,
          fix: { snippet: `AuthType Basic        # with TLS, Basic is as safe; or: htdigest -c ${state.serverPath} "${realm ?? 'Admin area'}" alice`, commands: apacheCommands(model) },
        });
      }
    }
  },
};

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

