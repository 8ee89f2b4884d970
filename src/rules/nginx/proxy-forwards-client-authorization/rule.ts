import { effectiveDirective } from '../../../nginx/scopes';
import { describeScope } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { proxyHeaderSet } from '../shared/proxy-headers';

/**
 * Network backends. FastCGI, uwsgi and SCGI pass the header to the local application as
 * HTTP_AUTHORIZATION, which PHP and friends read on purpose (PHP_AUTH_USER): not reported.
 */
const PASSES = ['proxy_pass', 'grpc_pass'] as const;


/**
 * N23: a protected location that proxies passes the client's Basic credentials on to the
 * backend (all request headers are forwarded by default). The reverse mistake — clearing the
 * header where nginx does not authenticate, so a backend doing its own Basic auth never sees
 * credentials — is reported too.
 */
export const proxyForwardsClientAuthorization: Rule = {
  meta: {
    id: 'nginx/proxy-forwards-client-authorization',
    severity: 'warning',
    description: 'A protected location proxies with the client\'s Authorization header (its password goes to the backend), or clears the header a backend needs.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of model.servingScopes()) {
        const pass = scope.directives.find((d) => (PASSES as readonly string[]).includes(d.directive.name));
        if (!pass) continue;
        const auth = model.effectiveAuth(scope);
        const header = pass.directive.name === 'proxy_pass' ? proxyHeaderSet(scope, 'authorization') : undefined;
        const cleared = header && (header.directive.args[1]?.value ?? '') === '';
        const passOff = effectiveDirective(scope, 'proxy_pass_request_headers')?.placed.directive.args[0]?.value === 'off';
        if (auth.realmOn && !header && !passOff) {
          context.report({
            file: pass.file,
            range: pass.directive.range,
            chain: pass.chain,
            message: `${describeScope(scope)} asks for a password and then ${pass.directive.name}es the request with the client's Authorization header: every user's Basic credentials (base64, not encrypted) reach the backend and its logs, and a backend with its own auth answers 401 to them`,
            fix: { snippet: `proxy_set_header Authorization "";        # do not forward the front-end password\n${pass.directive.name} ${pass.directive.args[0]?.raw ?? ''};`, commands: [...NGINX_TEST_AND_RELOAD] },
          });
        } else if (!auth.realmOn && cleared) {
          context.report({
            file: header!.file,
            range: header!.directive.range,
            chain: header!.chain,
            severity: 'info',
            message: `${describeScope(scope)} does not authenticate but clears the Authorization header before proxying: a backend that does its own Basic auth never sees the client's credentials and answers 401 forever`,
          });
        }
      }
    }
  },
};
