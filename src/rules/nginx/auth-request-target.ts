import type { Placed } from '../../nginx/config-tree';
import type { NginxModel } from '../../nginx/model';
import { describeScope, walkScopes, type Scope } from '../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule, type RuleContext } from '../../engine/rule';
import { serverOf, servingScope } from './helpers';

/** Each auth_request and the location its subrequest lands in. */
function authRequestTargets(model: NginxModel): { placed: Placed; target: Scope; uri: string }[] {
  const out: { placed: Placed; target: Scope; uri: string }[] = [];
  for (const scope of walkScopes(model.scopes)) {
    for (const placed of scope.directives) {
      if (placed.directive.name !== 'auth_request') continue;
      const uri = placed.directive.args[0]?.value;
      const server = serverOf(scope);
      if (!uri || uri === 'off' || !server || uri.includes('$')) continue;
      out.push({ placed, target: servingScope(server, uri.split('?')[0]), uri });
    }
  }
  return out;
}

function each(context: RuleContext, visit: (model: NginxModel, item: { placed: Placed; target: Scope; uri: string }) => void): void {
  const seen = new Set<Scope>();
  for (const model of context.nginx) {
    for (const item of authRequestTargets(model)) {
      if (seen.has(item.target)) continue;
      seen.add(item.target);
      visit(model, item);
    }
  }
}

/** N18: access checks do not run for subrequests, so auth_basic in the auth_request target is ignored. */
export const authBasicInsideAuthRequestTarget: Rule = {
  meta: {
    id: 'nginx/auth-basic-inside-auth-request-target',
    severity: 'error',
    description: 'auth_basic (or allow/deny) in the location an auth_request calls: subrequests skip the access phase, so it is ignored.',
  },
  check(context) {
    each(context, (model, { placed, target, uri }) => {
      const own = target.directives.find((d) => ['auth_basic', 'allow', 'deny', 'satisfy'].includes(d.directive.name) && d.directive.args[0]?.value !== 'off');
      if (!own) return;
      const content = target.directives.find((d) => d.directive.name === 'return' || /_pass$/.test(d.directive.name));
      if (content && /_pass$/.test(content.directive.name)) return; // a real auth service answers; the access directives are dead weight only
      context.report({
        file: own.file,
        range: own.directive.range,
        chain: own.chain,
        message: `${describeScope(target)} is the target of auth_request ${uri}; nginx skips the access phase for subrequests, so this ${own.directive.name} never runs, the target answers ${content ? content.directive.args[0]?.value ?? '2xx' : 'with its content'}, and every client is admitted without a password`,
        related: [{ file: placed.file, range: placed.directive.range, message: 'the auth_request that calls it' }],
        fix: { snippet: `location = ${uri} {\n    internal;\n    proxy_pass http://auth-service/check;   # a real check of the forwarded Authorization header\n    proxy_pass_request_body off;\n    proxy_set_header Content-Length "";\n}`, commands: [...NGINX_TEST_AND_RELOAD] },
      });
      void model;
    });
  },
};

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
