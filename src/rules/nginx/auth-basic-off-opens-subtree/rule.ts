import { locationInfo } from '../../../nginx/request/locations';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { headerRange, locations, protection } from '../helpers';

/**
 * Paths where turning inherited auth off is the usual intent: ACME challenges, health and
 * status probes, static assets, the few files every site serves publicly.
 */
const INTENDED_PREFIX = /^\/(?:\.well-known(?:\/|$)|health(?:z|check)?(?:\/|$)|ready(?:z)?(?:\/|$)|live(?:z)?(?:\/|$)|ping(?:\/|$)|status(?:\/|$)|nginx_status|stub_status|static(?:\/|$)|assets(?:\/|$)|public(?:\/|$)|css(?:\/|$)|js(?:\/|$)|images?(?:\/|$)|img(?:\/|$)|fonts?(?:\/|$)|media(?:\/|$)|favicon|robots\.txt|sitemap|errors?(?:\/|$)|[45]0\d)/i;
/** A regex location for static file types only. */
const STATIC_REGEX = /\\\.\(?\??:?(?:[a-z0-9]+\|)*(?:css|js|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|map|txt)\b/i;

/**
 * `auth_basic off` in a location undoes the password that the server (or an enclosing
 * location) asks for. On one URI, a health check or the ACME challenge that is what it is meant
 * for; on `location /` or a prefix that serves the application, it opens that whole subtree.
 */
export const authBasicOffOpensSubtree: Rule = {
  meta: {
    id: 'nginx/auth-basic-off-opens-subtree',
    severity: 'warning',
    description: 'auth_basic off on location / (or a prefix or regex that serves the application) undoes the password the server or an enclosing location asks for: that whole subtree is served without one.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of locations(model)) {
        const off = scope.directives.find((d) => d.directive.name === 'auth_basic' && d.directive.args[0]?.value === 'off' && !d.directive.args[0].quote);
        if (!off || !scope.parent || !protection(model, scope.parent).intended) continue;
        const info = locationInfo(scope);
        if (info.modifier === '=' || info.modifier === '@') continue; // one URI, or an internal target
        if (info.regex ? STATIC_REGEX.test(info.path) : INTENDED_PREFIX.test(info.path)) continue;
        const whole = !info.regex && info.path === '/';
        context.report({
          file: off.file,
          range: off.directive.range,
          chain: off.chain,
          ...(whole ? { severity: 'error' as const } : {}),
          message: whole
            ? 'auth_basic off in location / undoes the password the server asks for: every URI that no other location claims is served without one (200)'
            : `auth_basic off in location ${info.modifier ? `${info.modifier} ` : ''}${info.path} undoes the password asked for above it: everything under it is served without one (200) — if only a health check or assets are meant, narrow it (location = /health, location /static/)`,
          related: [{ file: scope.block!.file, range: headerRange(scope.block!), message: 'the location it opens' }],
          fix: {
            snippet: '# keep the password for the application, open only what must be public:\nlocation = /health { auth_basic off; return 200; }\nlocation /.well-known/acme-challenge/ { auth_basic off; }',
            commands: [...NGINX_TEST_AND_RELOAD],
          },
        });
      }
    }
  },
};
