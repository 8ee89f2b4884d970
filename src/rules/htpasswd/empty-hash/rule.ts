import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H10: user: with nothing after the colon. */
export const emptyHash = schemeRule(
  {
    id: 'htpasswd/empty-hash',
    severity: 'error',
    description: 'An entry with an empty hash: on Linux no password matches it; Apache on Windows accepts an empty password.',
  },
  (scheme) => scheme.id === 'empty',
  (entry) => `${where(entry)} has an empty hash: on Linux every login fails with 401 (htpasswd -v says "Empty hash for user"), while Apache on Windows lets an empty password in`,
);
