import { outcome, PLATFORMS, platformName } from '../../../htpasswd/compatibility';
import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H08: verified here only through the system crypt(): moving the file elsewhere breaks it. */
export const libcDependentScheme = schemeRule(
  {
    id: 'htpasswd/libc-dependent-scheme',
    severity: 'info',
    description: 'A scheme this platform verifies through the system crypt() but other platforms do not: it breaks when the file moves.',
  },
  (scheme, model) =>
    !scheme.malformed &&
    !['plaintext', 'empty', 'foreign'].includes(scheme.id) &&
    model.servers.every((server) => outcome(scheme, server, model.platformId).kind === 'verifies') &&
    model.servers.some((server) => PLATFORMS.some((p) => p !== 'windows' && outcome(scheme, server, p).kind !== 'verifies')),
  (entry, scheme, model) => {
    const breaks = PLATFORMS.filter((p) => p !== 'windows' && model.servers.some((server) => outcome(scheme, server, p).kind !== 'verifies'));
    return `${where(entry)} uses ${scheme.name}, which works here but depends on the C library: it fails on ${breaks.map(platformName).join(' and ')}`;
  },
);
