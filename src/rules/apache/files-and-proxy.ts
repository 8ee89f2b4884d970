import * as path from 'node:path';
import type { ApacheModel } from '../../apache/model';
import { describeApacheScope, isAtOrBelow, own, walkApacheScopes, type ApacheScope } from '../../apache/scopes';
import { compilePcre } from '../../http/pcre';
import { parseHtpasswd } from '../../parsers/htpasswd/parser';
import { apacheView } from '../../htpasswd/views';
import type { Rule } from '../../engine/rule';
import { apacheCommands } from './common';
import { sh } from '../../core/shell';

/** A23: Require user names that the password file does not have (case-sensitive), or comma lists. */
export const requireUserMismatch: Rule = {
  meta: {
    id: 'apache/require-user-mismatch',
    severity: 'warning',
    description: 'Require user names a user the AuthUserFile does not have (names are case-sensitive; commas do not separate): that user gets 401 again and again.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const r of own(scope, 'Require')) {
          if (r.args[0]?.toLowerCase() !== 'user') continue;
          const merged = model.merge(mergeUp(model, scope));
          const content = merged.authUserFile ? model.fileContent(merged.authUserFile.args[0]) : undefined;
          if (!content) continue;
          const file = content.state;
          const users = new Set(apacheView(parseHtpasswd(content.bytes)).entries.map((e) => e.user));
          for (const [i, name] of r.args.slice(1).entries()) {
            if (users.has(name)) continue;
            const near = [...users].find((u) => u.toLowerCase() === name.toLowerCase());
            context.report({
              file: r.file,
              range: r.directive.args[i + 1].range,
              chain: r.chain,
              message: name.includes(',')
                ? `"${name}" is one user name: Require user takes names separated by spaces, not commas, so nobody of that name exists and the right password gets 401 again (AH01631)`
                : `user "${name}" is not in ${file.serverPath}${near ? ` (it has "${near}": names are case-sensitive)` : ''}: that login can never pass Require (AH01631: authorization failure), and the browser asks again and again`,
              fix: { snippet: `Require user ${near ?? name.split(',').join(' ')}`, commands: apacheCommands(model) },
            });
          }
        }
      }
    }
  },
};

function mergeUp(model: ApacheModel, scope: ApacheScope): ApacheScope[] {
  const up: ApacheScope[] = [];
  for (let level: ApacheScope | undefined = scope; level; level = level.parent) up.unshift(level);
  return up;
}

/** Does some <Files>/<FilesMatch> with Require all denied refuse this file name? */
function refusedByFiles(model: ApacheModel, base: string): boolean {
  for (const scope of walkApacheScopes(model.root)) {
    if (scope.kind !== 'files' && scope.kind !== 'filesmatch') continue;
    if (!scope.directives.some((d) => /^require$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'all' && d.args[1]?.toLowerCase() === 'denied')) continue;
    const pattern = scope.path ?? '';
    const regex = scope.kind === 'filesmatch' || scope.section?.args[0] === '~' ? compilePcre(pattern, false) : new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    if (regex?.test(base)) return true;
  }
  return false;
}

/** A27: a password file Apache itself would serve. */
export const htpasswdInsideDocroot: Rule = {
  meta: {
    id: 'apache/htpasswd-inside-docroot',
    severity: 'error',
    description: 'The AuthUserFile lies under a DocumentRoot (or Alias target) and no <Files> rule refuses it: its hashes can be downloaded.',
  },
  check(context) {
    for (const model of context.apache) {
      const roots: { dir: string; url: string }[] = [];
      for (const scope of walkApacheScopes(model.root)) {
        for (const d of own(scope, 'DocumentRoot')) if (d.args[0]) roots.push({ dir: d.args[0].replace(/\/+$/, ''), url: '/' });
        for (const d of own(scope, 'Alias')) if (d.args[0] && d.args[1]) roots.push({ dir: d.args[1].replace(/\/+$/, ''), url: d.args[0] });
      }
      const seen = new Set<string>();
      for (const scope of model.scopes()) {
        for (const d of own(scope, 'AuthUserFile')) {
          const file = model.serverPath(d.args[0] ?? '');
          if (seen.has(file)) continue;
          seen.add(file);
          const root = roots.find((r) => isAtOrBelow(path.posix.dirname(file), r.dir));
          if (!root || refusedByFiles(model, path.posix.basename(file))) continue;
          const url = (root.url.replace(/\/+$/, '') + file.slice(root.dir.length)).replace(/\/{2,}/g, '/');
          context.report({
            file: d.file,
            range: d.directive.args[0].range,
            chain: d.chain,
            message: `the password file ${file} lies under ${root.dir}, and no <Files> rule refuses "${path.posix.basename(file)}": GET ${url} downloads the hashes (200)`,
            fix: { snippet: 'AuthUserFile /etc/apache2/.htpasswd     # outside every DocumentRoot\n<Files ".ht*">\n    Require all denied\n</Files>', commands: [sh`mv ${file} /etc/apache2/.htpasswd`, ...apacheCommands(model)] },
          });
        }
      }
    }
  },
};

/** A28: mod_proxy forwards the client's Authorization header after Apache checked it. */
export const apacheProxyForwardsAuthorization: Rule = {
  meta: {
    id: 'apache/proxy-forwards-authorization',
    severity: 'warning',
    description: 'A password-protected <Location> that proxies (ProxyPass) forwards the client\'s Authorization header to the backend.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const proxy = own(scope, 'ProxyPass')[0];
        if (!proxy || proxy.args[proxy.args.length === 1 ? 0 : 1] === '!') continue;
        const merged = model.merge(mergeUp(model, scope));
        if (!merged.requires.some((r) => /^(valid-user|user|group)$/i.test(r.args[0] ?? ''))) continue;
        if (scope.directives.some((d) => /^requestheader$/i.test(d.directive.name) && /^(unset|set)$/i.test(d.args[0] ?? '') && d.args[1]?.toLowerCase() === 'authorization')) continue;
        context.report({
          file: proxy.file,
          range: proxy.directive.range,
          chain: proxy.chain,
          message: `${describeApacheScope(scope)} asks for a password and then proxies with the client's Authorization header: every user's Basic credentials reach the backend and its logs`,
          fix: { snippet: 'RequestHeader unset Authorization     # mod_headers, after authentication', commands: apacheCommands(model) },
        });
      }
    }
  },
};

/** Basic credentials on a virtual host without TLS. */
export const apacheBasicAuthOverPlainHttp: Rule = {
  meta: {
    id: 'apache/basic-auth-over-plain-http',
    severity: 'warning',
    description: 'A <VirtualHost> without SSLEngine asks for Basic credentials and does not redirect to https first: passwords cross the network readable.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const vhost of walkApacheScopes(model.root)) {
        if (vhost.kind !== 'vhost' || !vhost.section) continue;
        if (own(vhost, 'SSLEngine').some((d) => d.args[0]?.toLowerCase() === 'on')) continue;
        if (vhost.section.args.every((a) => /^(127\.|\[::1\]|localhost)/.test(a))) continue;
        if (own(vhost, 'Redirect').some((d) => d.args.some((a) => /^https:\/\//i.test(a)))) continue;
        const protectedScope = [...walkApacheScopes(vhost)].find(
          (s) => s.directives.some((d) => /^require$/i.test(d.directive.name) && /^(valid-user|user|group)$/i.test(d.args[0] ?? '')) && model.merge(mergeUp(model, s)).authType?.args[0]?.toLowerCase() === 'basic',
        );
        if (!protectedScope) continue;
        context.report({
          file: vhost.section.file,
          range: vhost.section.directive.nameRange,
          chain: vhost.section.chain,
          message: `<VirtualHost ${vhost.section.args.join(' ')}> has no SSLEngine on and does not redirect to https, yet ${describeApacheScope(protectedScope)} asks for a password: every password crosses the network base64-encoded`,
          fix: { snippet: '<VirtualHost *:80>\n    ServerName example.com\n    Redirect permanent / https://example.com/\n</VirtualHost>', commands: apacheCommands(model) },
        });
      }
    }
  },
};
