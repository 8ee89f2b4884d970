import type { Finding } from '../core/finding';

/** Findings of one rule in one file shown one by one; past that, one summary stands for the rest. */
export const FINDINGS_SHOWN_PER_RULE_AND_FILE = 10;

/**
 * A password-file rule that fires on 90,000 lines says the same thing 90,000 times: the
 * first ten are kept as they are (with their positions and fixes), and one more finding at the
 * eleventh's place counts the rest and names their lines' range. ESLint-style per-line noise
 * helps nobody reading a report, and it costs memory and time in every reporter.
 */
export function summarizeRepeats(findings: readonly Finding[], shown = FINDINGS_SHOWN_PER_RULE_AND_FILE): Finding[] {
  // Only the per-entry rules of password files repeat so: a config's syntax errors each point
  // at a different mistake and are all kept.
  const repeats = (finding: Finding): boolean => finding.ruleId.startsWith('htpasswd/');
  const counts = new Map<string, number>();
  for (const finding of findings) if (repeats(finding)) counts.set(`${finding.ruleId}\0${finding.file}`, (counts.get(`${finding.ruleId}\0${finding.file}`) ?? 0) + 1);
  if (![...counts.values()].some((count) => count > shown + 1)) return [...findings];
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  const rest = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.ruleId}\0${finding.file}`;
    const total = counts.get(key) ?? 0;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    if (total <= shown + 1 || index < shown) {
      out.push(finding);
      continue;
    }
    const list = rest.get(key) ?? [];
    if (list.length === 0) rest.set(key, list);
    list.push(finding);
  }
  for (const list of rest.values()) {
    const first = list[0];
    const last = list[list.length - 1];
    const errors = list.filter((f) => f.severity === 'error').length;
    out.push({
      ruleId: first.ruleId,
      severity: errors > 0 ? 'error' : first.severity,
      message: `${list.length.toLocaleString('en')} more lines of this file have the same problem (lines ${first.line}–${last.line}), not listed one by one; for example: ${first.message}`,
      file: first.file,
      line: first.line,
      column: first.column,
      endLine: first.endLine,
      endColumn: first.endColumn,
      related: [],
      docsUrl: first.docsUrl,
    });
  }
  return out;
}
