import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** A hash that starts like a known scheme but is cut short or has stray characters. */
export const malformedHash = schemeRule(
  {
    id: 'htpasswd/malformed-hash',
    severity: 'error',
    description: 'A hash that looks like a known scheme but has the wrong length or characters: no password matches it.',
  },
  (scheme) => scheme.malformed !== undefined,
  (entry, scheme) =>
    `${where(entry)} looks like ${scheme.name} but is malformed (${scheme.malformed}), often a hash cut by copy and paste or a shell that expanded "$": ` +
    'no password matches it, every login fails with 401 ("password mismatch" / AH01617)',
);
