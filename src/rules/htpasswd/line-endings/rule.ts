import type { Rule } from '../../../engine/rule';
import { shellQuote } from '../../../core/shell';

/** H14: CRLF is harmless, CR-only is not; Apache joins a line ending in a backslash with the next. */
export const lineEndings: Rule = {
  meta: {
    id: 'htpasswd/line-endings',
    severity: 'info',
    description: 'Line ends: CRLF (harmless, info), CR only (only the first entry works, error), a trailing backslash (Apache joins lines, error).',
  },
  check(context) {
    for (const model of context.htpasswd) {
      const path = model.file.serverPath ?? model.file.diskPath;
      const quoted = shellQuote(path);
      const { lf, crlf, bareCr } = model.part.facts.lineEnds;
      const firstLine = model.doc.lines[0];
      const lineStart = firstLine ? model.doc.index.range(firstLine.offset, firstLine.offset + firstLine.text.length) : model.doc.index.range(0, 0);
      // The file-wide verdicts once, in the first window of a big file; the backslash check below per window.
      if (!model.part.first) {
        // nothing file-wide here
      } else if (bareCr > 0 && lf + crlf === 0) {
        context.report({
          file: model.file,
          range: lineStart,
          severity: 'error',
          message: `lines end with CR only (old Mac style): nginx only ever reads the first entry and Apache reads the whole file as one line, so every other user gets 401 (user "…" was not found)`,
          related: model.referenceRelated(),
          fix: { snippet: '', commands: [`sed -i 's/\\r/\\n/g' ${quoted}`] },
        });
      } else if (crlf > 0) {
        context.report({
          file: model.file,
          range: model.part.facts.firstCrlf ?? lineStart,
          message: `${crlf} line${crlf === 1 ? '' : 's'} end with CRLF (Windows style): both servers cope (the CR ends the hash), but tools such as htpasswd -v and diff may not`,
          related: model.referenceRelated(),
          fix: { snippet: '', commands: [`sed -i 's/\\r$//' ${quoted}`] },
        });
      }
      if (!model.servers.includes('apache')) continue;
      // Lines are numbered in the file; a window never ends on a line ending in a backslash.
      const lines = model.doc.lines;
      const first = lines.length > 0 ? lines[0].number : 1;
      for (const line of lines) {
        if (!line.text.trimEnd().endsWith('\\') || line.number === model.part.facts.lineCount) continue;
        const following = lines[line.number - first + 1];
        if (!following) continue;
        const at = line.offset + line.text.trimEnd().length - 1;
        const next = following.text.trim().split(':')[0];
        // An error: real Apache answers 401 to both users (checked in real-apache-htpasswd.test.ts).
        context.report({
          file: model.file,
          range: model.doc.index.range(at, at + 1),
          severity: 'error',
          message: () => `line ${line.number} ends with a backslash: Apache joins it with line ${line.number + 1}, so the hash on this line is wrong (401, AH01617 password mismatch) and ${next ? `user "${next}"` : 'the user'} on the next line does not exist for Apache (401, AH01618); no hash contains a backslash`,
          related: model.referenceRelated(),
          fix: { snippet: '', commands: [`sed -i 's/\\\\[[:space:]]*$//' ${quoted}`] },
        });
      }
    }
  },
};
