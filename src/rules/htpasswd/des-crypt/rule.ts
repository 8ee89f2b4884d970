import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H01: traditional DES crypt uses only the first 8 characters. */
export const desCrypt = schemeRule(
  {
    id: 'htpasswd/des-crypt',
    severity: 'warning',
    description: 'DES crypt checks only the first 8 characters of a password and has a 12-bit salt.',
  },
  (scheme) => scheme.id === 'des' || scheme.id === 'bsdi-des',
  (entry) => `${where(entry)} uses DES crypt (htpasswd -d): only the first 8 characters count, so any password sharing them logs in, and the hash falls to brute force in hours`,
);
