import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import { effectiveDirective } from '../../../nginx/scopes';
import { nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { eachProxiedTarget } from '../shared/auth-request-target';

/**
 * The auth subrequest is a GET that carries the client's headers but never its body, so when
 * the location it lands in proxies with the client's Content-Length, the auth service is told a
 * body follows that never comes. One that reads the announced body before answering (Node,
 * Python and PHP frameworks do) waits until proxy_read_timeout; nginx then gets 504 and answers
 * the client 500. Go-based portals (oauth2-proxy, Authelia, Vouch, Pomerium, authentik's outpost)
 * answer without reading it, which is why the setup often works until another auth service is
 * put behind it. Every portal's documented snippet clears the header (and the body) for this.
 */
export const authRequestForwardsContentLength: Rule = {
  meta: {
    id: 'nginx/auth-request-forwards-content-length',
    severity: 'warning',
    description: 'The location an auth_request calls proxies with the client\'s Content-Length but no body: a POST with a body hangs until proxy_read_timeout and fails with 500 when the auth service waits for the body.',
  },
  check(context) {
    eachProxiedTarget(context, ({ placed, target, uri, pass, headers, inheritedLines }) => {
      const contentLength = headers.find((d) => d.directive.args[0]?.value.toLowerCase() === 'content-length');
      if (contentLength && contentLength.directive.args[1]?.value === '') return;
      const timeout = effectiveDirective(target, 'proxy_read_timeout')?.placed.directive.args[0]?.value ?? '60s';
      const info = locationInfo(target);
      const own = ownDirectiveLines(target).filter((line) => !/^proxy_pass_request_body |^proxy_set_header Content-Length /i.test(line));
      context.report({
        file: pass.file,
        range: pass.directive.range,
        chain: pass.chain,
        message:
          `auth_request ${uri} lands in ${describeLocation(info)}, which proxies the subrequest with the client's Content-Length${contentLength ? ` (set to ${contentLength.directive.args[1]?.raw ?? ''})` : ''} but without its body (a subrequest never sends one): ` +
          `for a POST or PUT with a body, an auth service that reads the announced body before answering waits until proxy_read_timeout (${timeout}), nginx logs "auth request unexpected status: 504" and the client gets 500. ` +
          `Go-based portals (oauth2-proxy, Authelia, Vouch) answer without reading it; clear the header as their documented snippets do`,
        related: [{ file: placed.file, range: placed.directive.range, message: 'the auth_request whose subrequest it serves' }],
        fix: {
          snippet: nestedBlock(describeLocation(info), [...own, ...inheritedLines, 'proxy_pass_request_body off;', 'proxy_set_header Content-Length "";']),
          commands: [...NGINX_TEST_AND_RELOAD],
        },
      });
    });
  },
};
