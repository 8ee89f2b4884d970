import { locationInfo } from '../../../nginx/request/locations';
import { walkScopes, type Scope } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/**
 * The URI part of a proxy_pass target (`/` in http://127.0.0.1:8080/), as ngx_parse_url splits
 * it: after the host, or after the socket path of `unix:/path:`.
 */
function uriPart(target: string): string {
  const rest = target.replace(/^https?:\/\//i, '');
  if (rest === target) return '';
  if (rest.startsWith('unix:')) {
    const colon = rest.indexOf(':', 'unix:'.length);
    return colon < 0 ? '' : rest.slice(colon + 1);
  }
  const slash = rest.indexOf('/');
  return slash < 0 ? '' : rest.slice(slash);
}

/** Why nginx has no prefix to replace here, or undefined where a URI part is fine. */
function whyNoUri(scope: Scope): string | undefined {
  if (scope.kind === 'if') return 'inside "if"';
  if (scope.kind === 'limit_except') return 'inside "limit_except"';
  if (scope.kind !== 'location') return undefined;
  const { modifier } = locationInfo(scope);
  if (modifier === '~' || modifier === '~*') return 'in a regex location';
  if (modifier === '@') return 'in a named location';
  return undefined;
}

/**
 * proxy_pass with a URI part where there is no location prefix to replace with it: nginx -t
 * fails. With variables in the target nginx skips the check (the URI is then taken as given).
 */
export const proxyPassUriNotAllowed: Rule = {
  meta: {
    id: 'nginx/proxy-pass-uri-not-allowed',
    severity: 'error',
    description: 'proxy_pass with a URI part (even a lone "/") in a regex or named location, inside if or inside limit_except: nginx -t fails.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of walkScopes(model.scopes)) {
        const why = whyNoUri(scope);
        if (!why) continue;
        for (const placed of scope.directives) {
          const d = placed.directive;
          if (d.name !== 'proxy_pass' || d.args.length !== 1 || d.args[0].value.includes('$')) continue;
          const target = d.args[0].value;
          const uri = uriPart(target);
          if (!uri) continue;
          // `http://unix:/run/app.sock:` loses the colon that separated the URI part as well.
          const bare = target.slice(0, target.length - uri.length).replace(/:$/, '');
          context.report({
            file: placed.file,
            range: d.args[0].range,
            chain: placed.chain,
            message: `proxy_pass ${target} has a URI part ("${uri}") ${why}, where nginx has no location prefix to replace: nginx -t fails with [emerg] "proxy_pass" cannot have URI part in location given by regular expression, or inside named location, or inside "if" statement, or inside "limit_except" block in ${placed.file.serverPath}:${d.range.start.line}. Pass the request URI unchanged (no URI part), or set it with rewrite … break before proxy_pass.`,
            fix: { snippet: `proxy_pass ${bare};`, commands: [...NGINX_TEST_AND_RELOAD] },
          });
        }
      }
    }
  },
};
