import { locationInfo } from '../../../nginx/request/locations';
import { virtualServers } from '../../../nginx/request/servers';
import { effectiveDirective } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { headerRange, servingScope } from '../helpers';

/** G02: the same content served by two servers, protected by only one of them. */
export const protectedOnOneListenerOnly: Rule = {
  meta: {
    id: 'nginx/protected-on-one-listener-only',
    severity: 'error',
    description: 'Two servers serve the same root; one protects a path, the other serves it without a password (port 80 vs 443, another name, the default server).',
  },
  check(context) {
    for (const model of context.nginx) {
      const servers = virtualServers(model.scopes).filter((s) => s.scope.block);
      const rootOf = (scope: import('../../../nginx/scopes').Scope) => effectiveDirective(scope, 'root')?.placed.directive.args[0]?.value;
      // Only servers that share a root can serve the same files: group them first.
      const byRoot = new Map<string, typeof servers>();
      for (const server of servers) {
        const root = rootOf(server.scope);
        if (root && !root.includes('$')) byRoot.set(root, [...(byRoot.get(root) ?? []), server]);
      }
      for (const [root, group] of byRoot) {
        if (group.length < 2) continue;
        for (const a of group) {
        const protectedPaths = a.scope.children.filter((scope) => scope.kind === 'location' && model.effectiveAuth(scope).realmOn);
        for (const b of group) {
          if (b === a) continue;
          // Same address and name: a conflict (nginx ignores one), reported by conflicting-server-shadows-protected-server.
          if (a.listens.some((la) => b.listens.some((lb) => la.port === lb.port && la.address === lb.address)) && a.names.some((n) => b.names.includes(n))) continue;
          if (b.scope.directives.some((d) => d.directive.name === 'return')) continue; // a redirect-only server
          for (const location of protectedPaths) {
            const info = locationInfo(location);
            if (info.modifier !== '' && info.modifier !== '^~' && info.modifier !== '=') continue;
            const lands = servingScope(b.scope, info.path);
            if (model.effectiveAuth(lands).realmOn || lands.directives.some((d) => d.directive.name === 'return' || d.directive.name === 'deny')) continue;
            context.report({
              file: b.scope.block!.file,
              range: headerRange(b.scope.block!),
              chain: b.scope.block!.chain,
              message: `this server serves the same root ${root} as the server at ${a.scope.block!.file.serverPath}:${a.scope.block!.directive.range.start.line}, which protects ${info.path}; here ${info.path} is served without a password (200) — ${b.listens.map((l) => `${l.address}:${l.port}`).join(', ')} is a way around the auth`,
              related: [{ file: location.block!.file, range: headerRange(location.block!), message: 'protected only in the other server' }],
              fix: { snippet: 'server {\n    listen 80;\n    server_name example.com;\n    return 301 https://$host$request_uri;   # redirect only\n}', commands: [...NGINX_TEST_AND_RELOAD] },
            });
          }
        }
        }
      }
    }
  },
};
