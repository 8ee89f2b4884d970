import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H06: $apr1$ and $1$ — MD5-based, fast on GPUs. */
export const md5Based = schemeRule(
  {
    id: 'htpasswd/md5-based',
    severity: 'warning',
    description: '$apr1$ (htpasswd\'s default) and $1$ are MD5-based and fast to brute-force.',
  },
  (scheme) => (scheme.id === 'apr1' || scheme.id === 'md5crypt') && !scheme.malformed,
  (entry, scheme) => `${where(entry)} uses ${scheme.name}: 1,000 rounds of MD5, brute-forced on a GPU at millions of guesses per second`,
);
