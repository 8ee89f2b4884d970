import { distance } from 'fastest-levenshtein';

/**
 * The candidates exactly one edit (a letter added, dropped or changed) away from `name` — the
 * typo policy of the unknown-directive rules: one edit only, so that a third-party module's
 * directive that merely resembles a stock one is never called a typo.
 */
export function oneEditAway(name: string, candidates: readonly string[], caseless = false): string[] {
  const key = caseless ? name.toLowerCase() : name;
  return candidates.filter((candidate) => Math.abs(candidate.length - name.length) <= 1 && distance(caseless ? candidate.toLowerCase() : candidate, key) === 1);
}
