import type { Rule } from '../../../engine/rule';
import { isHtaccessFile } from '../common';

/** Parse errors: httpd -t refuses the file. */
export const apacheSyntax: Rule = {
  meta: {
    id: 'apache/syntax',
    severity: 'error',
    description: 'A section left open, a closing tag that matches nothing, a section line without ">": httpd -t refuses the configuration (a .htaccess: 500).',
  },
  check(context) {
    for (const file of context.apacheFiles) {
      const htaccess = isHtaccessFile(file);
      for (const error of file.parse.errors) {
        context.report({
          file,
          range: error.range,
          message: htaccess
            ? `${error.message}: every request under this directory gets 500 (the error log names ${file.serverPath})`
            : `${error.message}: apachectl configtest fails with "Syntax error on line ${error.range.start.line} of ${file.serverPath}: ${error.apacheMessage ?? error.message}", and a reload keeps the old configuration`,
        });
      }
    }
  },
};
