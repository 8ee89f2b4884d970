import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { headerRange } from '../helpers';

/** N14: limit_except names the methods that are exempt; auth inside it protects the others only. */
export const limitExceptInverted: Rule = {
  meta: {
    id: 'nginx/limit-except-inverted',
    severity: 'warning',
    description: 'auth_basic inside limit_except protects only the methods not listed: GET and HEAD (when listed) stay public.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of model.allScopes()) {
        if (scope.kind !== 'limit_except' || !scope.block) continue;
        const realm = scope.directives.find((d) => d.directive.name === 'auth_basic' && d.directive.args[0]?.value !== 'off');
        if (!realm) continue;
        const location = scope.parent;
        if (location && model.effectiveAuth(location).realmOn) continue; // the location is protected anyway
        const methods = scope.block.directive.args.map((a) => a.value.toUpperCase());
        if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
        context.report({
          file: scope.block.file,
          range: headerRange(scope.block),
          chain: scope.block.chain,
          message: `limit_except ${methods.join(' ')} applies its auth_basic to every method except ${methods.join(', ')}: those ${methods.length === 1 ? 'are' : 'are'} served without a password (200), only the other methods get 401`,
          related: [{ file: realm.file, range: realm.directive.range, message: 'auth for the other methods only' }],
          fix: {
            snippet: 'location /api/ {\n    auth_basic "API";\n    auth_basic_user_file /etc/nginx/htpasswd;\n    limit_except GET POST { deny all; }   # limit_except only restricts methods\n}',
            commands: [...NGINX_TEST_AND_RELOAD],
          },
        });
      }
    }
  },
};
