import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** Variables the client controls, directly or through the URI. */
const REQUEST_VARIABLE = /\$(\{)?(arg_\w+|args|query_string|http_\w+|cookie_\w+|uri|document_uri|request_uri|request|request_filename|host|http_host|request_body|\d)\b/;

/** N07: the client picks the file nginx treats as the user database. */
export const authFilePathFromRequest: Rule = {
  meta: {
    id: 'nginx/auth-file-path-from-request',
    severity: 'error',
    description: 'auth_basic_user_file built from request data ($arg_*, $http_*, $cookie_*, $uri, $host, captures): the client chooses the password file.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const placed of model.userFileStates().keys()) {
        const arg = placed.directive.args[0];
        const match = arg ? REQUEST_VARIABLE.exec(arg.value) : null;
        if (!arg || !match) continue;
        context.report({
          file: placed.file,
          range: arg.range,
          chain: placed.chain,
          message:
            `auth_basic_user_file ${arg.raw} uses $${match[2]}, which the client controls: a request such as ?f=../../../etc/passwd makes nginx read another file as the user database ` +
            '(the log shows user "root": password mismatch for a file that was never a password file), and any readable file with name:secret lines the attacker knows grants access',
          fix: {
            snippet: 'map $host $htpasswd_file {\n    default        /etc/nginx/htpasswd/default;\n    a.example.com  /etc/nginx/htpasswd/a;\n}\nauth_basic_user_file $htpasswd_file;',
            commands: [...NGINX_TEST_AND_RELOAD],
          },
        });
      }
    }
  },
};
