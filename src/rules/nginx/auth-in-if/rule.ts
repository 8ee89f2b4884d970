import { walkScopes } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

export const NOT_IN_IF = new Set(['auth_basic', 'auth_basic_user_file', 'satisfy', 'allow', 'deny', 'auth_request', 'auth_delay']);

/** N09: these directives (exported: nginx/directive-context leaves them to this rule) are not allowed in `if`: nginx -t fails. */
export const authInIf: Rule = {
  meta: {
    id: 'nginx/auth-in-if',
    severity: 'error',
    description: 'auth_basic, auth_basic_user_file, satisfy, allow, deny or auth_request inside if: nginx -t fails ("not allowed here").',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of walkScopes(model.scopes)) {
        if (scope.kind !== 'if') continue;
        for (const placed of scope.directives) {
          if (!NOT_IN_IF.has(placed.directive.name)) continue;
          context.report({
            file: placed.file,
            range: placed.directive.nameWord.range,
            chain: placed.chain,
            message: `"${placed.directive.name}" is not allowed inside if: nginx -t fails with [emerg] "${placed.directive.name}" directive is not allowed here in ${placed.file.serverPath}:${placed.directive.range.start.line}, and a reload keeps the old configuration`,
            fix: {
              snippet: 'map $request_uri $admin_realm {\n    default              "Admin";\n    ~^/admin/public/     off;\n}\nlocation /admin/ {\n    auth_basic $admin_realm;\n    auth_basic_user_file /etc/nginx/htpasswd;\n}',
              commands: [...NGINX_TEST_AND_RELOAD],
            },
          });
        }
      }
    }
  },
};
