import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { each } from '../shared/auth-request-target';

/** N19: only 2xx, 401 and 403 are understood from an auth subrequest; anything else is a 500. */
export const authRequestUnexpectedStatus: Rule = {
  meta: {
    id: 'nginx/auth-request-unexpected-status',
    severity: 'error',
    description: 'The auth_request target answers with a status other than 2xx, 401 or 403 (a redirect to a login page): every request gets 500.',
  },
  check(context) {
    each(context, (_model, { placed, target, uri }) => {
      const ret = target.directives.find((d) => d.directive.name === 'return');
      const code = ret?.directive.args[0]?.value ?? '';
      if (!ret || !/^\d{3}$/.test(code) || /^2\d\d$/.test(code) || code === '401' || code === '403') return;
      context.report({
        file: ret.file,
        range: ret.directive.range,
        chain: ret.chain,
        message: `the auth_request target for ${uri} answers ${code}: nginx understands only 2xx (allow), 401 and 403 (deny) from an auth subrequest, so every protected request gets 500 with the log line auth request unexpected status: ${code}`,
        related: [{ file: placed.file, range: placed.directive.range, message: 'the auth_request that calls it' }],
        fix: { snippet: 'error_page 401 = @login;      # in the protected location: redirect there, not in the auth endpoint\nlocation @login { return 302 /login; }', commands: [...NGINX_TEST_AND_RELOAD] },
      });
    });
  },
};
