import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H05: {SSHA} — a fast salted SHA-1, and nginx-only. */
export const ssha = schemeRule(
  {
    id: 'htpasswd/ssha',
    severity: 'warning',
    description: '{SSHA} is one salted SHA-1 (fast to crack), and only nginx verifies it.',
  },
  (scheme) => scheme.id === 'ssha' && !scheme.malformed,
  (entry) => `${where(entry)} uses {SSHA} (from LDAP or Dovecot): one salted SHA-1, fast to crack; Apache cannot verify it at all`,
);
