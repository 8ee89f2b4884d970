import type { Rule } from '../../../engine/rule';

/** H11: a line that is neither a comment nor user:hash. */
export const missingColon: Rule = {
  meta: {
    id: 'htpasswd/missing-colon',
    severity: 'error',
    description: 'A line without ":" (a pasted hash, a wrapped line): no user on it can log in, and htpasswd refuses to edit the file.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      for (const line of model.doc.lines) {
        const trimmed = line.text.trim();
        if (trimmed === '' || trimmed.startsWith('#') || line.text.includes(':')) continue;
        const start = line.offset + (line.text.length - line.text.trimStart().length);
        context.report({
          file: model.file,
          range: model.doc.index.range(start, start + trimmed.length),
          message: () =>
            `line ${line.number} has no ":" between a user and a hash: nginx never matches it (user "…" was not found) and Apache takes the whole line as a user with an empty hash (AH01617); ` +
            'htpasswd refuses to change the file ("does not appear to be a valid htpasswd file")',
          related: model.referenceRelated(),
        });
      }
    }
  },
};
