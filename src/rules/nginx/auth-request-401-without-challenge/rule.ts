import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { each } from '../shared/auth-request-target';

/** N20: a local `return 401` in the auth target gives the client no WWW-Authenticate. */
export const authRequest401WithoutChallenge: Rule = {
  meta: {
    id: 'nginx/auth-request-401-without-challenge',
    severity: 'warning',
    description: 'The auth_request target returns 401 itself: nginx passes no WWW-Authenticate to the client, so browsers never prompt.',
  },
  check(context) {
    each(context, (_model, { placed, target, uri }) => {
      const ret = target.directives.find((d) => d.directive.name === 'return' && d.directive.args[0]?.value === '401');
      if (!ret) return;
      context.report({
        file: ret.file,
        range: ret.directive.range,
        chain: ret.chain,
        message: `the auth_request target for ${uri} answers 401 with "return": nginx copies WWW-Authenticate only from an upstream's response, so the client gets a 401 without a challenge and the browser shows an error instead of a login prompt`,
        related: [{ file: placed.file, range: placed.directive.range, message: 'the auth_request that calls it' }],
        fix: { snippet: "error_page 401 = @challenge;\nlocation @challenge {\n    add_header WWW-Authenticate 'Basic realm=\"SSO\"' always;\n    return 401;\n}", commands: [...NGINX_TEST_AND_RELOAD] },
      });
    });
  },
};
