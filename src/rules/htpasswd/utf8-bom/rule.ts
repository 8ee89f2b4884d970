import type { Rule } from '../../../engine/rule';
import { userText } from '../common';
import { shellQuote } from '../../../core/shell';

/** H13: a byte order mark glues itself to the first user name. */
export const utf8Bom: Rule = {
  meta: {
    id: 'htpasswd/utf8-bom',
    severity: 'error',
    description: 'The file starts with a byte order mark (or is UTF-16): the first user can never log in.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
      const path = model.file.serverPath ?? model.file.diskPath;
      const quoted = shellQuote(path);
      const start = model.doc.index.range(0, Math.min(1, model.doc.text.length));
      if (model.doc.utf16) {
        context.report({
          file: model.file,
          range: start,
          message: `the file is UTF-16 (or contains NUL bytes): ${model.serversText()} read bytes, so no user in it can log in (401, user "…" was not found)`,
          related: model.referenceRelated(),
          fix: { snippet: '', commands: [`iconv -f UTF-16 -t UTF-8 ${quoted} > ${quoted}.utf8 && mv ${quoted}.utf8 ${quoted}`] },
        });
        continue;
      }
      if (!model.doc.utf8Bom) continue;
      const first = model.entries()[0];
      const victim = first ? ` user ${userText(first.user.replace(/^\uFEFF/, ''))} on line ${first.line.number}` : ' the first user';
      context.report({
        file: model.file,
        range: start,
        message:
          `the file starts with a UTF-8 byte order mark (EF BB BF), which becomes part of the first user name: ${victim.trim()} can never log in ` +
          `(401; nginx logs user "${first?.user.replace(/^\uFEFF/, '') ?? '…'}" was not found, Apache AH01618) while every other user can`,
        related: model.referenceRelated(),
        fix: { snippet: '', commands: [`sed -i '1s/^\\xEF\\xBB\\xBF//' ${quoted}`] },
      });
    }
  },
};
