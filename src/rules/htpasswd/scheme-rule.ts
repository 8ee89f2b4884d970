import type { HtpasswdModel } from '../../htpasswd/model';
import type { Scheme } from '../../htpasswd/schemes';
import type { Entry } from '../../htpasswd/views';
import type { Rule, RuleContext, RuleMeta } from '../../engine/rule';
import { rehashCommand } from './common';

/**
 * A rule about the hash scheme of each entry (weak, plaintext, malformed…): the shared loop,
 * so that each such rule only says which schemes it flags and what to say about them.
 */
export function schemeRule(
  meta: RuleMeta,
  flags: (scheme: Scheme, model: HtpasswdModel) => boolean,
  message: (entry: Entry, scheme: Scheme, model: HtpasswdModel) => string,
  severity?: (scheme: Scheme, model: HtpasswdModel) => RuleMeta['severity'] | undefined,
): Rule {
  return {
    meta,
    check(context: RuleContext) {
      for (const model of context.htpasswd) {
        // In an htdigest file the second field is a realm; htdigest-file-used-for-basic reports it.
        if (model.isHtdigest) continue;
        for (const entry of model.entries()) {
          // Blanks around the hash are whitespace-in-entry's to report; judge the hash itself.
          const scheme = model.scheme(entry.hash.replace(/^[ \t\v\f]+|[ \t\v\f]+$/g, ''));
          if (!flags(scheme, model)) continue;
          const level = severity?.(scheme, model);
          context.report({
            file: model.file,
            range: entry.hashRange.start.offset === entry.hashRange.end.offset ? entry.userRange : entry.hashRange,
            message: message(entry, scheme, model),
            related: model.referenceRelated(),
            fix: { snippet: '', commands: [rehashCommand(model, entry.user)] },
            ...(level ? { severity: level } : {}),
          });
        }
      }
    },
  };
}
