import { own } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

/** A26: ErrorDocument 401 with a full URL is ignored. */
export const errordocument401: Rule = {
  meta: {
    id: 'apache/errordocument-401',
    severity: 'warning',
    description: 'ErrorDocument 401 with a full URL: Apache ignores it (AH00113), because a redirect would never let the browser prompt.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const d of own(scope, 'ErrorDocument')) {
          if (d.args[0] !== '401' || !/^https?:\/\//i.test(d.args[1] ?? '')) continue;
          context.report({
            file: d.file,
            range: d.directive.range,
            chain: d.chain,
            message: `ErrorDocument 401 ${d.args[1]} is ignored: Apache logs AH00113 "cannot use a full URL in a 401 ErrorDocument directive --- ignoring!" at start-up (a redirect would never let the browser ask for a password)`,
            fix: { snippet: 'ErrorDocument 401 /errors/401.html', commands: apacheCommands(model) },
          });
        }
      }
    }
  },
};
