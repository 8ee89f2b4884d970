import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { describeLocation, locationInfo } from '../../../nginx/request/locations';
import { headerRange } from '../helpers';
import { nestedBlock, ownDirectiveLines } from '../fix-snippets';
import { each } from '../shared/auth-request-target';

/**
 * The location an auth_request lands in is not `internal`: a client can request it directly and
 * reach the auth service (or the stub) without any protected request behind it. Authelia's,
 * Authentik's and Vouch's documented setups mark it internal; oauth2-proxy's example does not (its
 * /oauth2/auth only answers 202/401 for the caller's own cookie) — so this is information, not
 * a warning. Only a location dedicated to the subrequest (`=` or a prefix that no protected content
 * shares) is reported: a target that is also a served location is another rule's concern.
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
      if (info.modifier !== '=' && info.modifier !== '' && info.modifier !== '^~') return;
      if (target.directives.some((d) => d.directive.name === 'internal')) return;
      // A location that also serves content (the site's "/") is not a dedicated auth endpoint.
      if (info.path === '/') return;
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
