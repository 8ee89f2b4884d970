import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H04: {SHA} — one unsalted SHA-1. */
export const unsaltedSha1 = schemeRule(
  {
    id: 'htpasswd/unsalted-sha1',
    severity: 'warning',
    description: '{SHA} is one unsalted SHA-1: equal passwords give equal hashes, and rainbow tables crack it.',
  },
  (scheme) => scheme.id === 'sha1' && !scheme.malformed,
  (entry) => `${where(entry)} uses {SHA} (htpasswd -s): a single unsalted SHA-1, cracked offline at billions of guesses per second and by rainbow tables`,
);
