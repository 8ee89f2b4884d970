import { APACHE_MAX_LINE_BYTES } from '../../../htpasswd/views';
import type { Rule } from '../../../engine/rule';

/** H17: Apache stops reading at a line longer than its 8 KiB buffer. */
export const overlongLineApache: Rule = {
  meta: {
    id: 'htpasswd/overlong-line-apache',
    severity: 'error',
    description: `A line longer than ${APACHE_MAX_LINE_BYTES} bytes: Apache stops reading there, so every user below it is "not found".`,
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.servers.includes('apache')) continue;
      const line = model.doc.lines.find((l) => l.byteLength > APACHE_MAX_LINE_BYTES);
      if (!line) continue;
      const below = model.doc.lines.filter((l) => l.number > line.number && l.text.includes(':')).length;
      context.report({
        file: model.file,
        range: model.doc.index.range(line.offset, line.offset + line.text.length),
        message: `line ${line.number} is ${line.byteLength} bytes, more than Apache's ${APACHE_MAX_LINE_BYTES}-byte line buffer: Apache stops reading the file there, so the ${below} user${below === 1 ? '' : 's'} below it get 401 (AH01618 user not found); nginx reads on`,
        related: model.referenceRelated(),
      });
    }
  },
};
