import { outcome, platformName } from '../../../htpasswd/compatibility';
import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/**
 * H08/H09 and the compatibility matrix: a scheme the consuming server cannot verify on the
 * target platform. Plaintext, empty and malformed hashes have rules of their own.
 */
export const unsupportedScheme = schemeRule(
  {
    id: 'htpasswd/unsupported-scheme',
    severity: 'error',
    description: 'A hash scheme the server that reads the file cannot verify on this platform: 401 for every login, or 500 (crypt_r() failed).',
  },
  (scheme, model) =>
    !['plaintext', 'empty'].includes(scheme.id) &&
    !scheme.malformed &&
    model.servers.some((server) => outcome(scheme, server, model.platformId).kind !== 'verifies'),
  (entry, scheme, model) => {
    const parts = model.servers.map((server) => {
      const result = outcome(scheme, server, model.platformId);
      const name = server === 'nginx' ? 'nginx' : 'Apache';
      if (result.kind === 'verifies') return `${name} verifies it (${result.by})`;
      if (result.kind === 'error-500') return `${name} answers 500 to every login as this user, logging "crypt_r() failed (22: Invalid argument)": ${result.why}`;
      return `${name} answers 401 to every login as this user ("password mismatch" / AH01617): ${result.why}`;
    });
    return `${where(entry)} uses ${scheme.name}, on ${platformName(model.platformId)} (${model.platform.source}): ${parts.join('; ')}`;
  },
);
