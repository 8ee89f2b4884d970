import type { Rule } from '../../../engine/rule';

/** Parse errors: nginx -t refuses the file, so nothing in it takes effect. */
export const syntax: Rule = {
  meta: {
    id: 'nginx/syntax',
    severity: 'error',
    description: 'The file has a syntax error (unbalanced braces, missing ";", unterminated quote); nginx -t refuses it.',
  },
  check(context) {
    for (const file of context.nginxFiles) {
      for (const error of file.parse.errors) {
        context.report({
          file,
          range: error.range,
          message:
            `${error.message}: nginx -t fails with "${error.nginxMessage ?? error.message} in ${file.serverPath}:…" ` +
            'and a reload keeps the old configuration running (a start fails)',
        });
      }
    }
  },
};
