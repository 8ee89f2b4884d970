import { describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands, argsText } from '../common';
import { AUTH } from '../shared/modules';

/** A12: auth inside an <IfModule> of a module that is not loaded: Apache skips it silently. */
export const authWrappedInIfmodule: Rule = {
  meta: {
    id: 'apache/auth-wrapped-in-ifmodule',
    severity: 'error',
    description: 'Auth directives inside <IfModule>, <IfDefine> or <IfVersion> whose condition is false, with no password requirement in force beside them: Apache skips them, and the area is served without a password.',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain) continue;
      for (const scope of model.scopes()) {
        // Only directives that protect: losing "Require all granted" opens nothing.
        const skipped = scope.skipped.filter((d) => AUTH.test(d.directive.name) && !(/^require$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'all' && d.args[1]?.toLowerCase() === 'granted') && !(/^authtype$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'none'));
        if (skipped.length === 0) continue;
        // The portable idiom — the same auth in both branches of <IfVersion>/<IfModule> pairs —
        // leaves the area protected by the branch that is in force: nothing opens.
        if (scope.directives.some((d) => /^require$/i.test(d.directive.name) && /^(valid-user|user|group)$/i.test(d.args[0] ?? ''))) continue;
        const by = skipped[0].inactive!.by;
        context.report({
          file: by.file,
          range: by.directive.nameRange,
          chain: by.chain,
          message: `<${by.directive.name} ${by.args.join(' ')}> is false (${skipped[0].inactive!.why}), so Apache skips the ${skipped.map((d) => d.directive.name).join(', ')} inside it without a word: ${describeApacheScope(scope)} is served without a password (200)`,
          fix: {
            // Out of the wrapper, a missing module makes apachectl configtest fail instead of opening the area.
            snippet: [`# outside <${by.directive.name} ${by.args.join(' ')}>, so that a missing module fails closed:`, ...skipped.map(argsText)].join('\n'),
            commands: apacheCommands(model),
          },
        });
      }
    }
  },
};
