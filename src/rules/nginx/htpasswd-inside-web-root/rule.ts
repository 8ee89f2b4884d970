import * as path from 'node:path';
import { walkScopes, type Scope } from '../../../nginx/scopes';
import { effectiveDirective } from '../../../nginx/scopes';
import { virtualServers } from '../../../nginx/request/servers';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { servingScope } from '../helpers';

/** Does a request for `uri` end in a refusal (deny all, return 403/404/444) or a password prompt? */
function refused(model: import('../../../nginx/model').NginxModel, scope: Scope): boolean {
  if (model.effectiveAuth(scope).realmOn) return true;
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    if (level.directives.some((d) => d.directive.name === 'deny' && d.directive.args[0]?.value === 'all')) return true;
    if (level === scope && level.directives.some((d) => d.directive.name === 'return' && ['403', '404', '444'].includes(d.directive.args[0]?.value ?? ''))) return true;
  }
  return false;
}

/** N25: a password file under a served root can be downloaded. */
export const htpasswdInsideWebRoot: Rule = {
  meta: {
    id: 'nginx/htpasswd-inside-web-root',
    severity: 'error',
    description: 'The password file lies under a served root and no location refuses it: GET /.htpasswd downloads the hashes.',
  },
  check(context) {
    for (const model of context.nginx) {
      const files = new Map<string, import('../../../nginx/config-tree').Placed>();
      for (const [placed, state] of model.userFileStates()) if (state.kind === 'file' || state.kind === 'missing') files.set(state.serverPath, placed);
      if (files.size === 0) continue;
      for (const server of virtualServers(model.scopes)) {
        for (const scope of walkScopes([server.scope])) {
          if (scope.kind !== 'server' && scope.kind !== 'location') continue;
          const root = scope.directives.find((d) => d.directive.name === 'root' || d.directive.name === 'alias') ?? (scope.kind === 'server' ? effectiveDirective(scope, 'root')?.placed : undefined);
          const dir = root?.directive.args[0]?.value;
          if (!root || !dir || dir.includes('$') || !dir.startsWith('/')) continue;
          for (const [serverPath, placed] of files) {
            const relative = path.posix.relative(dir, serverPath);
            if (relative.startsWith('..') || path.posix.isAbsolute(relative)) continue;
            const prefix = root.directive.name === 'alias' && scope.kind === 'location' ? (scope.block?.directive.args[scope.block.directive.args.length - 1]?.value ?? '/') : '';
            const uri = root.directive.name === 'alias' ? `${prefix.replace(/\/?$/, '/')}${relative}` : `/${relative}`;
            const lands = servingScope(server.scope, uri);
            if (refused(model, lands)) continue;
            context.report({
              file: placed.file,
              range: placed.directive.args[0].range,
              chain: placed.chain,
              message: `the password file ${serverPath} lies under ${root.directive.name} ${dir}, and nothing refuses it: GET ${uri} downloads the hashes (200) for offline cracking`,
              related: [{ file: root.file, range: root.directive.range, message: `the ${root.directive.name} that serves it` }],
              fix: { snippet: `auth_basic_user_file /etc/nginx/htpasswd;   # outside every root (move the file)\nlocation ~ /\\.ht { deny all; }            # and refuse dot-files anyway`, commands: [`mv ${serverPath} /etc/nginx/htpasswd`, ...NGINX_TEST_AND_RELOAD] },
            });
            files.delete(serverPath);
          }
        }
      }
    }
  },
};
