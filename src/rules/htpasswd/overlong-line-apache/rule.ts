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
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
      if (!model.servers.includes('apache')) continue;
      const line = model.part.facts.firstTooLong;
      if (!line) continue;
      const below = line.colonLinesBelow;
      context.report({
        file: model.file,
        range: line.range,
        message: `line ${line.line} is ${line.byteLength} bytes, more than Apache's ${APACHE_MAX_LINE_BYTES}-byte line buffer: Apache stops reading the file there, so the ${below} user${below === 1 ? '' : 's'} below it get 401 (AH01618 user not found); nginx reads on`,
        related: model.referenceRelated(),
      });
    }
  },
};
