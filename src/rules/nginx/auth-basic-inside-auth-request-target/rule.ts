import { describeScope } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { each } from '../shared/auth-request-target';

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
        fix: { snippet: `location = ${uri} {\n    internal;\n    proxy_pass http://127.0.0.1:9091/api/verify;   # your auth service, which checks the forwarded credentials\n    proxy_pass_request_body off;\n    proxy_set_header Content-Length "";\n}`, commands: [...NGINX_TEST_AND_RELOAD] },
      });
      void model;
    });
  },
};
