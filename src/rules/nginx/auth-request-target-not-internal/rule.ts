import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import { headerRange } from '../helpers';
import { nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { each } from '../shared/auth-request-target';

/**
 * The location an auth_request lands in is not `internal`: a client can request it directly and
 * reach the auth service (or the stub) without any protected request behind it. Authelia's
 * documented setup marks it internal; oauth2-proxy's and Vouch's examples do not (their endpoints
 * only answer 2xx/401 for the caller's own cookie) — so this is information, not a warning. Only an
 * exact-match location (`location = /validate`) counts as dedicated to the subrequest: a prefix
 * such as authentik's /outpost.goauthentik.io also serves the portal's own pages (its callback), and
 * `internal` there would break the login.
 */
export const authRequestTargetNotInternal: Rule = {
  meta: {
    id: 'nginx/auth-request-target-not-internal',
    severity: 'info',
    description: 'The location an auth_request calls is not internal: any client can request the auth endpoint directly, without the protected request behind it.',
  },
  check(context) {
    each(context, (_model, { placed, target, uri }) => {
      if (target.kind !== 'location' || !target.block) return;
      const info = locationInfo(target);
      if (info.modifier !== '=') return;
      if (target.directives.some((d) => d.directive.name === 'internal')) return;
      context.report({
        file: target.block.file,
        range: headerRange(target.block),
        chain: target.block.chain,
        message: `${describeLocation(info)} answers auth_request ${uri} but is not internal: a client can request ${uri} itself and reach what it runs (${target.directives.find((d) => /_pass$|^return$/.test(d.directive.name))?.directive.name ?? 'its content'}) without a protected request behind it — add "internal;" so that only subrequests reach it (a client then gets 404)`,
        related: [{ file: placed.file, range: placed.directive.range, message: 'the auth_request that calls it' }],
        fix: { snippet: nestedBlock(describeLocation(info), ['internal;', ...ownDirectiveLines(target)]), commands: [...NGINX_TEST_AND_RELOAD] },
      });
    });
  },
};
