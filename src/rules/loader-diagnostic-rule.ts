import type { Rule, RuleMeta } from '../engine/rule';

/**
 * A rule whose findings come from loading the configuration (a missing include, a cycle, a
 * path outside --root): the loader records them, and this rule reports those with its id, so
 * they get metadata, severity settings and suppressions like any other rule.
 */
export function loaderDiagnosticRule(meta: RuleMeta): Rule {
  return {
    meta,
    check(context) {
      for (const diagnostic of context.loaderDiagnostics) {
        if (diagnostic.ruleId !== meta.id) continue;
        context.report({
          file: diagnostic.file,
          range: diagnostic.range,
          message: diagnostic.message,
          chain: diagnostic.chain,
          ...(diagnostic.severity ? { severity: diagnostic.severity } : {}),
        });
      }
    },
  };
}
