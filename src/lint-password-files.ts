import type { Finding } from './core/finding';
import type { Severity } from './core/severity';
import type { RuleMeta, Rule } from './engine/rule';
import { runRules, type RuleSetting } from './engine/run-rules';
import { RepeatFolder } from './engine/summarize';
import { SuppressionSet } from './engine/suppressions';
import type { PasswordFile } from './htpasswd/load';

/**
 * Lint password files window by window: the rules see one window's lines at a time (and the
 * file's facts), the file's suppression comments (gathered in the first pass) are applied as
 * findings come, and per-line repeats are counted, not kept — so a file of a million users
 * needs the memory of one window, not of a million entries and findings.
 */
export function lintPasswordFiles(
  files: readonly PasswordFile[],
  rules: readonly Rule[],
  settings: ReadonlyMap<string, RuleSetting> | undefined,
  /** Inline suppressions, unless the run turned them off. */
  suppressions: { readonly knownRules: ReadonlySet<string>; readonly severityOf: (meta: RuleMeta) => Severity | 'off' } | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const passwordFile of files) {
    const set = suppressions ? new SuppressionSet([[passwordFile.file.diskPath, passwordFile.facts.comments]], suppressions.knownRules, suppressions.severityOf) : undefined;
    const folder = new RepeatFolder();
    for (const model of passwordFile.models()) {
      const findings = runRules(rules, { nginx: [], nginxFiles: [], loaderDiagnostics: [], htpasswd: [model], apache: [], apacheFiles: [] }, settings);
      for (const finding of findings) if (!set?.suppresses(finding)) folder.add(finding);
    }
    out.push(...folder.finish(), ...(set?.problems() ?? []));
  }
  return out;
}
