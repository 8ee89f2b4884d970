import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import { authLines, nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { exampleUris, headerRange, locations, protection, serverOf, servingScope } from '../helpers';

/**
 * N11: a protected prefix location loses URIs under it to a regex location that is not
 * protected (regexes win over prefixes without ^~). Decided with the same location search as
 * `authlint explain`: the finding names a URI that reaches the regex, and explain agrees.
 */
export const regexLocationBypass: Rule = {
  meta: {
    id: 'nginx/regex-location-bypass',
    severity: 'error',
    description: 'A regex location captures URIs under a protected prefix location and serves them without a password.',
  },
  check(context) {
    for (const model of context.nginx) {
      // Regex locations per server, found once.
      const regexesByServer = new Map<import('../../../nginx/scopes').Scope, import('../../../nginx/scopes').Scope[]>();
      for (const scope of locations(model)) {
        const server = serverOf(scope);
        if (!server || !locationInfo(scope).regex) continue;
        regexesByServer.set(server, [...(regexesByServer.get(server) ?? []), scope]);
      }
      for (const scope of locations(model)) {
        const info = locationInfo(scope);
        if ((info.modifier !== '' && info.modifier !== '^~') || !protection(model, scope).intended) continue;
        const server = serverOf(scope);
        if (!server) continue;
        const captors = new Map<import('../../../nginx/scopes').Scope, string>();
        for (const regexScope of regexesByServer.get(server) ?? []) {
          const regex = locationInfo(regexScope);
          // A regex anchored on a literal start (^/p10/) captures nothing under a prefix it
          // cannot share a URI with: settled by two string tests, not by the URIs (a server of
          // 1,000 protected prefixes and 1,000 regexes made a million pairs of them).
          if (!prefixesMeet(info.path, anchoredLiteral(regexScope), regex.modifier === '~*')) continue;
          for (const uri of exampleUris(info.path, regex.path)) {
            if (!uri.startsWith(info.path) || captors.has(regexScope)) continue;
            // Only a URI the regex matches can reach it: settled before the whole location
            // search (a server of 1,000 locations and 100 regexes searched per pair: cubic).
            if (regex.regex && !regex.regex.test(uri)) continue;
            const served = servingScope(server, uri);
            if (served !== regexScope || protection(model, served).intended) continue;
            // A regex location that only redirects (return 301 /admin/) serves nothing: the
            // client lands back on the protected location and is asked for a password there.
            if (onlyRedirects(regexScope)) continue;
            // Under a protected catch-all "/", a regex that serves static files (/static/, images)
            // is a public-assets layout; one that runs code (fastcgi_pass, proxy_pass…) is a bypass.
            if (info.path === '/' && !regexScope.directives.some((d) => /_pass$/.test(d.directive.name))) continue;
            captors.set(regexScope, uri);
          }
        }
        for (const [regexScope, uri] of captors) {
          const regex = locationInfo(regexScope);
          context.report({
            file: scope.block!.file,
            range: headerRange(scope.block!),
            chain: scope.block!.chain,
            message:
              `${describeLocation(info)} is protected, but ${describeLocation(regex)} (${regexScope.block!.file.serverPath}:${regexScope.block!.directive.range.start.line}) captures URIs under it — ` +
              `a request for ${uri} is served by the regex location without a password (200), because regex locations win over prefixes that lack ^~ (check: authlint explain CONFIG http://HOST${uri})`,
            related: [{ file: regexScope.block!.file, range: regexScope.block!.directive.range, message: `${describeLocation(regex)} serves ${uri} without auth` }],
            fix: {
              snippet: nestedBlock(`location ^~ ${info.path}`, [
                ...authLines(model, scope),
                '# the regex location nested inside, where it inherits the password:',
                nestedBlock(describeLocation(regex), ownDirectiveLines(regexScope)),
              ]),
              commands: [...NGINX_TEST_AND_RELOAD],
            },
          });
        }
      }
    }
  },
};

/** Whether a location answers every request with a redirect: an unconditional `return 3xx`, or a catch-all rewrite … redirect|permanent. */
function onlyRedirects(scope: import('../../../nginx/scopes').Scope): boolean {
  return scope.directives.some((placed) => {
    const args = placed.directive.args.map((a) => a.value);
    if (placed.directive.name === 'return') return /^30[12378]$/.test(args[0] ?? '') || /^https?:\/\//.test(args[0] ?? '');
    if (placed.directive.name === 'rewrite') return /^(\^|\^\(\.\*\)\$?|\.\*|\^\/\(\.\*\)\$?|\^\.\*\$?)$/.test(args[0] ?? '') && /^(redirect|permanent)$/.test(args[2] ?? '');
    return false;
  });
}

const literalOf = new WeakMap<import('../../../nginx/scopes').Scope, string | undefined>();

/**
 * The literal text every URI a regex location matches starts with, when the regex is anchored
 * (`^/admin/.*\.php$` → `/admin/`); undefined when it is not, or has an alternation (whose other
 * branches are not anchored). Stops at the first character with a meaning, and drops a character
 * a quantifier makes optional.
 */
function anchoredLiteral(scope: import('../../../nginx/scopes').Scope): string | undefined {
  if (literalOf.has(scope)) return literalOf.get(scope);
  const source = locationInfo(scope).path;
  let literal: string | undefined;
  if (source.startsWith('^') && !source.includes('|')) {
    literal = '';
    for (let i = 1; i < source.length; i++) {
      const ch = source[i];
      if ('?*{'.includes(ch)) {
        literal = literal.slice(0, -1);
        break;
      }
      if ('\\.^$+()[]'.includes(ch)) break;
      literal += ch;
    }
  }
  literalOf.set(scope, literal);
  return literal;
}

/** Whether URIs under `prefix` can start with `literal` (one of them is a prefix of the other). */
function prefixesMeet(prefix: string, literal: string | undefined, caseless: boolean): boolean {
  if (literal === undefined) return true;
  const [a, b] = caseless ? [prefix.toLowerCase(), literal.toLowerCase()] : [prefix, literal];
  return a.startsWith(b) || b.startsWith(a);
}
