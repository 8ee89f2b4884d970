import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H03: {PLAIN}secret — nginx accepts it, it is plaintext at rest. */
export const plainScheme = schemeRule(
  {
    id: 'htpasswd/plain-scheme',
    severity: 'warning',
    description: '{PLAIN} entries store the password in clear text (nginx accepts them; Apache does not).',
  },
  (scheme) => scheme.id === 'plain',
  (entry) => `${where(entry)} uses {PLAIN}: the password is stored in clear text, readable by anyone who can read the file (nginx's docs call this scheme "an example one, should not be used")`,
);
