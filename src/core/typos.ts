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

/** Whether `a` is `b` with two neighbouring letters swapped (fiel → file, vaild → valid). */
export function swapsTwoLetters(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
