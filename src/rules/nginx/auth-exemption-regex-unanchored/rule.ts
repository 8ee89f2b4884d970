import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { activeAuthRequest } from '../../../nginx/request/access-phase';
import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import type { NginxModel } from '../../../nginx/model';
import type { Scope } from '../../../nginx/scopes';
import { nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { headerRange, locations, serverOf, servingScope } from '../helpers';

/** Whether a request in this scope must authenticate (auth_basic with a realm, or auth_request). */
function authInForce(model: NginxModel, scope: Scope): boolean {
  return model.effectiveAuth(scope).realmOn || activeAuthRequest(scope) !== undefined;
}

/** The auth this location turns off itself (`auth_basic off;`, `auth_request off;`). */
function ownExemptions(scope: Scope): string[] {
  return scope.directives.filter((d) => (d.directive.name === 'auth_basic' || d.directive.name === 'auth_request') && d.directive.args[0]?.value === 'off').map((d) => `${d.directive.name} off`);
}

/** The first path literal a regex names (`/api/public/` in `~ /api/public/`), unescaped. */
function pathLiteral(regex: string): string | undefined {
  const match = /\/(?:[A-Za-z0-9_.~-]|\\[./-])+(?:\/(?:[A-Za-z0-9_.~-]|\\[./-])+)*\/?/.exec(regex);
  return match ? match[0].replace(/\\(.)/g, '$1') : undefined;
}

/**
 * A regex location that exempts a path from auth (`location ~ /api/public/ { auth_request off; }`)
 * without anchoring the regex at the start of the URI matches that path anywhere: under a
 * protected area (`/admin/x/api/public/…`) too, so the exemption reaches further than meant. An
 * app behind proxy_pass serves its own routes there, and `;` path parameters
 * (`/admin/report;/api/public/`) reach most Java and PHP routers as `/admin/report`. Extension
 * regexes (`\.(css|js)$`, public assets anywhere) name no path and are not reported.
 */
export const authExemptionRegexUnanchored: Rule = {
  meta: {
    id: 'nginx/auth-exemption-regex-unanchored',
    severity: 'warning',
    description: 'A regex location that turns auth off is not anchored with ^: it exempts its path wherever it appears in a URI, under protected areas too.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of locations(model)) {
        const info = locationInfo(scope);
        if (!info.regex || /^(\(\?[a-z]*\))?(\^|\\A)/.test(info.path)) continue;
        const exemptions = ownExemptions(scope);
        const server = serverOf(scope);
        if (exemptions.length === 0 || !server || !scope.parent || !authInForce(model, scope.parent)) continue;
        const literal = pathLiteral(info.path);
        if (!literal) continue;
        // A URI outside the path the regex names, under a protected area, that this location serves.
        const uri = ['/admin', '/private', '/x'].map((area) => `${area}${literal.startsWith('/') ? '' : '/'}${literal}${literal.endsWith('/') ? 'x' : ''}`).find((candidate) => servingScope(server, candidate) === scope);
        if (!uri) continue;
        context.report({
          file: scope.block!.file,
          range: headerRange(scope.block!),
          chain: scope.block!.chain,
          message:
            `${describeLocation(info)} turns auth off (${exemptions.join(', ')}) for every URI that contains ${literal}, not only those that start with it: the regex has no ^, so ${uri} is served without authentication too ` +
            `(behind proxy_pass, the app answers it; and "/admin/report;${literal}" reaches routers that drop ;-parameters as /admin/report). Anchor it: location ~ ^${info.path}`,
          fix: { snippet: nestedBlock(`location ${info.modifier} ^${info.path}`, ownDirectiveLines(scope)), commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
