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
        const related = model.referenceRelated();
        const entries = model.entries();
        // Blanks around a hash are whitespace-in-entry's to report; the scheme is the hash's own.
        const schemes = model.entrySchemes();
        // The verdict depends on the scheme and the file only: asked once per distinct hash
        // scheme object, not once per line (a compatibility table lookup per platform).
        const verdicts = new Map<Scheme, { flagged: boolean; level: RuleMeta['severity'] | undefined }>();
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i];
          const scheme = schemes[i];
          let verdict = verdicts.get(scheme);
          if (!verdict) {
            const flagged = flags(scheme, model);
            verdicts.set(scheme, (verdict = { flagged, level: flagged ? severity?.(scheme, model) : undefined }));
          }
          if (!verdict.flagged) continue;
          const level = verdict.level;
          // Message and fix as functions: on a file of 100,000 such lines, only the ones shown are built.
          context.report({
            file: model.file,
            range: entry.hashRange.start.offset === entry.hashRange.end.offset ? entry.userRange : entry.hashRange,
            message: () => message(entry, scheme, model),
            related,
            fix: () => ({ snippet: '', commands: [rehashCommand(model, entry.user)] }),
            ...(level ? { severity: level } : {}),
          });
        }
      }
    },
  };
}
