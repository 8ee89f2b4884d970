import type { Rule } from '../../../engine/rule';
import { rehashCommand } from '../common';

/** H20: no users at all. */
export const emptyFile: Rule = {
  meta: {
    id: 'htpasswd/empty-file',
    severity: 'error',
    description: 'The password file has no user entries: every login fails.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
      if (model.doc.utf16) continue;
      if (model.part.facts.hasEntryLine) continue;
      context.report({
        file: model.file,
        range: model.doc.index.range(0, 0),
        severity: model.referenced ? 'error' : 'warning',
        message: `the file has no user entries${model.doc.byteLength === 0 ? ' (it is empty)' : ' (only comments and blank lines)'}: every login fails with 401 (nginx: user "…" was not found; Apache: AH01618)`,
        related: model.referenceRelated(),
        fix: { snippet: '', commands: [rehashCommand(model, 'USERNAME')] },
      });
    }
  },
};
