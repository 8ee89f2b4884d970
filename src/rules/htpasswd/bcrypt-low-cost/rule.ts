import { schemeRule } from '../scheme-rule';
import { where } from '../common';
import { freshScheme } from '../../../htpasswd/fresh-hash';

export const MIN_BCRYPT_COST = 10;

/** H07: htpasswd -B defaults to cost 5. */
export const bcryptLowCost = schemeRule(
  {
    id: 'htpasswd/bcrypt-low-cost',
    severity: 'warning',
    description: `bcrypt with a cost below ${MIN_BCRYPT_COST} (htpasswd -B defaults to 5).`,
  },
  (scheme) => scheme.id === 'bcrypt' && !scheme.malformed && (scheme.cost ?? 0) < MIN_BCRYPT_COST,
  (entry, scheme, model) =>
    `${where(entry)} uses bcrypt with cost ${scheme.cost} (${2 ** (scheme.cost ?? 0)} rounds; htpasswd -B defaults to 5): use at least ${MIN_BCRYPT_COST}, better 12` +
    (freshScheme(model.servers, model.platformId) === 'sha512crypt' ? ' — or, since nginx reads this file, SHA-512-crypt, which every C library verifies (the command below writes it)' : ' (the command below writes cost 12)'),
);
