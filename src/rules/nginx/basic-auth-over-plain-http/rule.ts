import { virtualServers } from '../../../nginx/request/servers';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { headerRange, scopesOf } from '../helpers';
import { activeAuthRequest } from '../../../nginx/request/access-phase';
import { authLines, nestedBlock } from '../fix-snippets';

/**
 * Plain HTTP only redirects; the password is asked over TLS. The certificate lines name Debian's
 * snakeoil pair (package ssl-cert) so that the snippet passes `nginx -t` as pasted: replace them
 * with the site's certificate (certbot, or your CA's).
 */
function httpsSnippet(names: string, auth: string[]): string {
  return [
    nestedBlock('server', ['listen 80;', `server_name ${names};`, 'return 301 https://$host$request_uri;']),
    nestedBlock('server', [
      'listen 443 ssl;',
      `server_name ${names};`,
      '# your certificate (these are Debian\'s self-signed snakeoil pair, from the ssl-cert package):',
      'ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;',
      'ssl_certificate_key /etc/ssl/private/ssl-cert-snakeoil.key;',
      ...auth,
      '# and the rest of the site (root, locations), as in the plain-HTTP server',
    ]),
  ].join('\n');
}

/** Names that resolve to the loopback address everywhere: localhost, *.localhost (RFC 6761), localtest.me and lvh.me. */
function isLoopbackName(name: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$|(^|\.)(localhost|localtest\.me|lvh\.me)$/i.test(name);
}

/** G01: Basic credentials are base64, not encrypted: a server without TLS exposes them. */
export const basicAuthOverPlainHttp: Rule = {
  meta: {
    id: 'nginx/basic-auth-over-plain-http',
    severity: 'warning',
    description: 'A server without TLS asks for Basic credentials, or protects content with auth_request (a login portal), and does not redirect to https first: passwords, session cookies and tokens cross the network readable.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const server of virtualServers(model.scopes)) {
        if (!server.scope.block) continue;
        const plain = server.listens.filter((l) => !l.ssl);
        if (plain.length === 0) continue;
        if (server.listens.every((l) => l.address.startsWith('127.') || l.address === '::1' || l.address === 'localhost')) continue;
        // A development setup (oauth2-proxy's local environment): every name it answers to
        // resolves to this machine, so the credentials never leave it.
        if (server.names.length > 0 && server.names.every(isLoopbackName)) continue;
        const redirects = server.scope.directives.some((d) => (d.directive.name === 'return' && /^30[1278]$/.test(d.directive.args[0]?.value ?? '') && /https:\/\//.test(d.directive.args[1]?.value ?? '')) || (d.directive.name === 'return' && /^https:\/\//.test(d.directive.args[0]?.value ?? '')));
        if (redirects) continue;
        const protectedScope = scopesOf(server.scope).find((scope) => scope.kind !== 'if' && model.effectiveAuth(scope).realmOn);
        // Forward auth (auth_request to oauth2-proxy, Authelia, …): the session cookie or token
        // the portal checks crosses the network as readable as a Basic password.
        const forwardScope = protectedScope ? undefined : scopesOf(server.scope).find((scope) => scope.kind !== 'if' && activeAuthRequest(scope));
        if (!protectedScope && !forwardScope) continue;
        const listen = plain[0];
        context.report({
          file: listen.placed?.file ?? server.scope.block.file,
          range: listen.placed?.directive.range ?? headerRange(server.scope.block),
          chain: listen.placed?.chain ?? server.scope.block.chain,
          message: protectedScope
            ? `this server asks for Basic credentials on ${listen.address}:${listen.port} without TLS and does not redirect to https first: every password crosses the network base64-encoded, readable by anyone on the path`
            : `this server protects content with auth_request (a login portal) on ${listen.address}:${listen.port} without TLS and does not redirect to https first: the session cookie or token every request carries crosses the network readable, and whoever reads it is logged in`,
          ...(protectedScope ? {} : { severity: 'warning' as const }),
          fix: {
            snippet: httpsSnippet(server.names.filter((n) => n && !n.startsWith('~')).join(' ') || 'example.com', protectedScope ? authLines(model, protectedScope) : [`auth_request ${activeAuthRequest(forwardScope!)!.directive.args.map((a) => a.raw).join(' ')};`]),
            commands: [...NGINX_TEST_AND_RELOAD],
          },
        });
      }
    }
  },
};
