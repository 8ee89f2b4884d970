import { virtualServers } from '../../../nginx/request/servers';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { headerRange, servingScope } from '../helpers';

/** N27: server-wide auth also covers the ACME challenge, so certificate renewal gets 401. */
export const serverLevelAuthBlocksServicePaths: Rule = {
  meta: {
    id: 'nginx/server-level-auth-blocks-service-paths',
    severity: 'warning',
    description: 'auth_basic for a whole port-80 server also covers /.well-known/acme-challenge/: Let\'s Encrypt gets 401 and renewal fails.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const server of virtualServers(model.scopes)) {
        if (!server.scope.block || !server.listens.some((l) => !l.ssl)) continue;
        const auth = model.effectiveAuth(server.scope);
        if (!auth.realmOn || !auth.realm) continue;
        const acme = servingScope(server.scope, '/.well-known/acme-challenge/token');
        if (!model.effectiveAuth(acme).realmOn) continue;
        if (acme.directives.some((d) => d.directive.name === 'return' || d.directive.name === 'rewrite') || server.scope.directives.some((d) => d.directive.name === 'return')) continue;
        context.report({
          file: auth.realm.placed.file,
          range: auth.realm.placed.directive.range,
          chain: auth.realm.placed.chain,
          message: `auth_basic applies to the whole server, including /.well-known/acme-challenge/: the ACME HTTP-01 check gets 401 and certificate renewal fails (health checks and CORS preflights, which send no credentials, fail the same way)`,
          related: [{ file: server.scope.block.file, range: headerRange(server.scope.block), message: 'the server' }],
          fix: { snippet: 'location ^~ /.well-known/acme-challenge/ {\n    auth_basic off;\n    root /var/www/letsencrypt;\n}', commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
