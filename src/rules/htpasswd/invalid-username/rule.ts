import type { Rule } from '../../../engine/rule';
import { userText } from '../common';

const MAX_USER_BYTES = 255;
/** Printable ASCII without blanks: a name no check below would flag. */
const PLAIN_NAME = /^[\x21-\x7e]+$/;

/** H16: user names that a browser cannot send, or that htpasswd would refuse. */
export const invalidUsername: Rule = {
  meta: {
    id: 'htpasswd/invalid-username',
    severity: 'warning',
    description: 'A user name with blanks, control or non-ASCII characters, or over 255 bytes: clients may not be able to log in as it.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      for (const entry of model.entries()) {
        // Most names are short printable ASCII: one test settles them.
        if (entry.user.length <= MAX_USER_BYTES && PLAIN_NAME.test(entry.user)) continue;
        const user = entry.user.replace(/^\uFEFF/, '').trim();
        let problem: string | undefined;
        if (user === '') problem = 'is empty: Basic auth with an empty user name is refused by nginx (no user/password was provided) and matches nothing on Apache';
        else if (/[\s]/.test(user)) problem = 'contains blanks, which browsers and curl send but users rarely type the same way twice';
        else if (/[\u0000-\u001f\u007f]/.test(user)) problem = 'contains control characters';
        else if (/[^\u0000-\u007f]/.test(user)) problem = 'contains non-ASCII characters: whether it matches depends on the encoding the client uses (browsers send UTF-8, some clients Latin-1)';
        else if (Buffer.byteLength(user) > MAX_USER_BYTES) problem = `is longer than ${MAX_USER_BYTES} bytes, which htpasswd refuses`;
        if (!problem) continue;
        context.report({
          file: model.file,
          range: entry.userRange,
          message: () => `the user name ${userText(user)} on line ${entry.line.number} ${problem}`,
          related: model.referenceRelated(),
        });
      }
    }
  },
};
