import { virtualServers } from '../../../nginx/request/servers';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { headerRange, scopesOf } from '../helpers';

const BACKUP = /(~|\.bak|\.old|\.orig|\.save|\.swp|\.dpkg-(old|dist|new)|\.rpm(new|save))$/;

/** N26: two servers with the same name on the same address: nginx keeps the first, ignores the other. */
export const conflictingServerShadowsProtectedServer: Rule = {
  meta: {
    id: 'nginx/conflicting-server-shadows-protected-server',
    severity: 'error',
    description: 'Two server blocks with the same server_name on the same listen address: nginx ignores the second (often a backup file), which may be the protected one.',
  },
  check(context) {
    for (const model of context.nginx) {
      const first = new Map<string, ReturnType<typeof virtualServers>[number]>();
      for (const server of virtualServers(model.scopes)) {
        for (const listen of server.listens) {
          for (const name of server.names) {
            if (name === '' || name === '_') continue;
            const key = `${listen.address}:${listen.port} ${name}`;
            const winner = first.get(key);
            if (!winner) {
              first.set(key, server);
              continue;
            }
            if (winner === server || !server.scope.block || !winner.scope.block) continue;
            const hasAuth = (s: typeof server) => scopesOf(s.scope).some((scope) => model.effectiveAuth(scope).realmOn);
            const backup = BACKUP.test(server.scope.block.file.serverPath) || BACKUP.test(winner.scope.block.file.serverPath);
            const lost = hasAuth(server) && !hasAuth(winner);
            context.report({
              file: server.scope.block.file,
              range: headerRange(server.scope.block),
              chain: server.scope.block.chain,
              severity: lost || backup ? 'error' : 'warning',
              message:
                `server_name ${name} on ${listen.address}:${listen.port} is already defined at ${winner.scope.block.file.serverPath}:${winner.scope.block.directive.range.start.line}: nginx -t only warns (conflicting server name "${name}" on ${listen.address}:${listen.port}, ignored) and every request goes to the first` +
                (lost ? '; this ignored server is the one with auth_basic, so its protected paths are served by the other without a password' : '') +
                (backup ? '; one of them is in a backup file that an include glob picked up' : ''),
              related: [{ file: winner.scope.block.file, range: headerRange(winner.scope.block), message: 'the server that wins' }],
              fix: { snippet: 'include /etc/nginx/sites-enabled/*.conf;   # a narrower glob that skips backups', commands: [...NGINX_TEST_AND_RELOAD] },
            });
          }
        }
      }
    }
  },
};
