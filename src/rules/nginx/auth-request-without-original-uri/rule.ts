import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import { nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { eachProxiedTarget } from '../shared/auth-request-target';

/** Variables that carry the path of the request being judged (in a subrequest, $uri is the subrequest's own). */
const ORIGINAL_URI = /\$(request_uri|\{request_uri\})/;
const ORIGINAL_METHOD = /\$(request_method|\{request_method\})/;

/**
 * The auth subrequest goes to the auth location's URI, as a GET: the auth service sees neither
 * the path nor the method of the request it is asked to judge unless the config passes them
 * (X-Original-URI / X-Original-URL, X-Original-Method). Portals that decide per path or per
 * method — Authelia's access_control rules, authentik, oauth2-proxy's skip-auth routes — then
 * judge every request as the auth endpoint's own URL. Vouch and a plain "is there a session"
 * check do not need it, so this is information.
 */
export const authRequestWithoutOriginalUri: Rule = {
  meta: {
    id: 'nginx/auth-request-without-original-uri',
    severity: 'info',
    description: 'The auth subrequest does not pass the original request URI (or method) to the auth service: per-path and per-method rules of the portal cannot apply.',
  },
  check(context) {
    eachProxiedTarget(context, ({ placed, target, uri, pass, headers, inheritedLines }) => {
      const values = [...headers.map((d) => d.directive.args[1]?.value ?? ''), pass.directive.args[0]?.value ?? ''];
      if (values.some((value) => ORIGINAL_URI.test(value))) return;
      const methodPassed = values.some((value) => ORIGINAL_METHOD.test(value));
      const info = locationInfo(target);
      context.report({
        file: pass.file,
        range: pass.directive.range,
        chain: pass.chain,
        message:
          `auth_request ${uri} lands in ${describeLocation(info)}, which proxies the subrequest without the original request's URI${methodPassed ? '' : ' or method'}: ` +
          `the auth service is asked about "GET ${pathOf(pass.directive.args[0]?.value ?? uri)}" for every request, so a portal that decides per path or method (Authelia's access_control rules, authentik, oauth2-proxy's skip-auth routes) cannot apply those rules — ` +
          `pass them as the portals' documented snippets do (X-Original-URI / X-Original-URL${methodPassed ? '' : ', X-Original-Method'})`,
        related: [{ file: placed.file, range: placed.directive.range, message: 'the auth_request whose subrequest it serves' }],
        fix: {
          snippet: nestedBlock(describeLocation(info), [
            ...ownDirectiveLines(target),
            ...inheritedLines,
            'proxy_set_header X-Original-URI $request_uri;',
            'proxy_set_header X-Original-URL $scheme://$http_host$request_uri;',
            ...(methodPassed ? [] : ['proxy_set_header X-Original-Method $request_method;']),
          ]),
          commands: [...NGINX_TEST_AND_RELOAD],
        },
      });
    });
  },
};

/** The path a proxy_pass URL sends (its own URI part), for the message. */
function pathOf(url: string): string {
  const match = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(url);
  return match?.[1] ?? '/';
}
