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
  // at a different mistake and are all kept. Groups by rule, then file (no key strings: this
  // runs over every finding of a 100,000-line file).
  const groups = new Map<string, Map<string, Finding[]>>();
  let folding = false;
  for (const finding of findings) {
    if (!finding.ruleId.startsWith('htpasswd/')) continue;
    let byFile = groups.get(finding.ruleId);
    if (!byFile) groups.set(finding.ruleId, (byFile = new Map()));
    let list = byFile.get(finding.file);
    if (!list) byFile.set(finding.file, (list = []));
    list.push(finding);
    if (list.length > shown + 1) folding = true;
  }
  if (!folding) return [...findings];
  const folded = new Set<Finding>();
  const out: Finding[] = [];
  for (const byFile of groups.values()) {
    for (const list of byFile.values()) {
      if (list.length <= shown + 1) continue;
      const rest = list.slice(shown);
      for (const finding of rest) folded.add(finding);
      out.push(summaryOf(rest));
    }
  }
  return [...findings.filter((finding) => !folded.has(finding)), ...out];
}

function summaryMessage(count: number, firstLine: number, lastLine: number, example: string | undefined): string {
  return `${count.toLocaleString('en')} more lines of this file have the same problem (lines ${firstLine}–${lastLine}), not listed one by one${example ? `; for example: ${example}` : ''}`;
}

/** One finding for the repeats past the shown ones: how many, which lines, an example. */
function summaryOf(list: readonly Finding[]): Finding {
  const first = list[0];
  const last = list[list.length - 1];
  const errors = list.some((f) => f.severity === 'error');
  // Repeats past the eleventh are built without a message (run-rules); one with text is the example.
  const example = list.find((f) => f.message !== '')?.message;
  return summaryFinding(first, list.length, last.line, errors, example);
}

/** The summary finding: at the first folded repeat's place, with the count and the lines' range. */
function summaryFinding(first: Finding, count: number, lastLine: number, errors: boolean, example: string | undefined): Finding {
  return {
    ruleId: first.ruleId,
    severity: errors ? 'error' : first.severity,
    message: summaryMessage(count, first.line, lastLine, example),
    file: first.file,
    line: first.line,
    column: first.column,
    endLine: first.endLine,
    endColumn: first.endColumn,
    related: [],
    docsUrl: first.docsUrl,
  };
}

interface RepeatGroup {
  kept: Finding[];
  /** How many from the eleventh on (once there are twelve). */
  rest: number;
  firstFolded?: Finding;
  lastLine: number;
  errors: boolean;
  example?: string;
}

/**
 * summarizeRepeats for findings that come in parts (the windows of a big password file, in line
 * order): keeps the first eleven of each rule, counts the rest as they come, and gives the same
 * findings summarizeRepeats would give over all of them — without holding them.
 */
export class RepeatFolder {
  // By rule, then file: no key strings for the million findings of a big file.
  private readonly groups = new Map<string, Map<string, RepeatGroup>>();
  private readonly others: Finding[] = [];

  constructor(private readonly shown = FINDINGS_SHOWN_PER_RULE_AND_FILE) {}

  add(finding: Finding): void {
    if (!finding.ruleId.startsWith('htpasswd/')) {
      this.others.push(finding);
      return;
    }
    let byFile = this.groups.get(finding.ruleId);
    if (!byFile) this.groups.set(finding.ruleId, (byFile = new Map()));
    let group = byFile.get(finding.file);
    if (!group) byFile.set(finding.file, (group = { kept: [], rest: 0, lastLine: 0, errors: false }));
    if (group.kept.length < this.shown + 1) {
      group.kept.push(finding);
      return;
    }
    // Past the eleventh: the eleventh starts the folded run, and this one is counted.
    if (!group.firstFolded) {
      const eleventh = group.kept[this.shown];
      group.firstFolded = eleventh;
      group.rest = 1;
      group.lastLine = eleventh.line;
      group.errors = eleventh.severity === 'error';
      if (eleventh.message !== '') group.example = eleventh.message;
    }
    group.rest++;
    group.lastLine = finding.line;
    if (finding.severity === 'error') group.errors = true;
    if (group.example === undefined && finding.message !== '') group.example = finding.message;
  }

  /** The findings summarizeRepeats would give. */
  finish(): Finding[] {
    const out = [...this.others];
    for (const group of [...this.groups.values()].flatMap((byFile) => [...byFile.values()])) {
      if (!group.firstFolded) {
        out.push(...group.kept);
        continue;
      }
      out.push(...group.kept.slice(0, this.shown));
      out.push(summaryFinding(group.firstFolded, group.rest, group.lastLine, group.errors, group.example));
    }
    return out;
  }
}
