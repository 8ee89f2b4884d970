import { describeScope, walkScopes, type Scope } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { protection, servingScope, serverOf } from '../helpers';
import { compilePcre } from '../../../http/pcre';

/** N13: return and rewrite run in the rewrite phase, before auth_basic's access phase. */
export const returnOrRewriteBeforeAuth: Rule = {
  meta: {
    id: 'nginx/return-or-rewrite-before-auth',
    severity: 'error',
    description: 'return or rewrite in a protected location (or at server level): they run before auth, so no password is asked.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of walkScopes(model.scopes)) {
        const target: Scope | undefined = scope.kind === 'if' ? scope.parent : scope;
        if (!target || (target.kind !== 'location' && target.kind !== 'server')) continue;
        for (const placed of scope.directives) {
          const d = placed.directive;
          if (d.name !== 'return' && d.name !== 'rewrite') continue;
          let exposed: string | undefined;
          if (target.kind === 'location') {
            // An internal location (an auth_request target, an error page) is not reachable from outside.
            if (!protection(model, target).intended || target.directives.some((x) => x.directive.name === 'internal')) continue;
            if (d.name === 'return') {
              const code = d.args[0]?.value ?? '';
              if (/^30[1278]$/.test(code) || /^https?:\/\//.test(code) || code === '401' || code === '403' || code === '404' || code === '444') continue;
              exposed = `"return ${d.args.map((a) => a.raw).join(' ')}" answers ${/^\d{3}$/.test(code) ? code : 302} without asking for a password`;
            } else {
              const flag = d.args[2]?.value;
              // break keeps the request in this location (no new location search), so its auth applies.
              if (flag === 'redirect' || flag === 'permanent' || flag === 'break') continue;
              const server = serverOf(target);
              const regex = compilePcre(d.args[0]?.value ?? '', false);
              const replacement = d.args[1]?.value ?? '';
              if (!server || !regex || replacement.includes('$') && !/\$\d/.test(replacement)) continue;
              const landing = replacement.replace(/\$\d/g, 'x').split('?')[0];
              const lands = servingScope(server, landing);
              if (lands === target || protection(model, lands).intended) continue;
              exposed = `"rewrite … ${replacement}${flag ? ' ' + flag : ''}" moves the request to ${describeScope(lands)} before the access phase, where no auth applies`;
            }
          } else {
            // A server-level return or rewrite runs before any location: it bypasses the auth of every location it catches.
            const protectedLocations = target.children.filter((child) => child.kind === 'location' && protection(model, child).intended);
            if (protectedLocations.length === 0 || d.name !== 'return') continue;
            const code = d.args[0]?.value ?? '';
            if (/^30[1278]$/.test(code) || /^https?:\/\//.test(code) || code === '444') continue;
            exposed = `a server-level "return ${code}" answers every request, including those for ${describeScope(protectedLocations[0])}, before any auth check`;
          }
          const conditional = scope.kind === 'if' ? ' (when its if condition holds)' : '';
          context.report({
            file: placed.file,
            range: d.range,
            chain: placed.chain,
            message: `${exposed}${conditional}: return and rewrite run in the rewrite phase, before auth_basic's access phase — the response is 200 (or the returned status) without credentials`,
            fix: {
              snippet: 'location = /admin { return 301 /admin/; }        # redirects only\nlocation /admin/ {\n    auth_basic "Admin";\n    auth_basic_user_file /etc/nginx/htpasswd;\n    try_files $uri $uri/ =404;                    # content after the access phase\n}',
              commands: [...NGINX_TEST_AND_RELOAD],
            },
          });
        }
      }
    }
  },
};
