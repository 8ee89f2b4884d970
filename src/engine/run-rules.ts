import { compareFindings, type Finding, type FixSuggestion, type RelatedLocation } from '../core/finding';
import { hasControlCharacters } from '../core/shell';
import type { Severity } from '../core/severity';
import type { Rule, RuleContext, ReportInput } from './rule';
import { docsUrl } from './rule';
import { FINDINGS_SHOWN_PER_RULE_AND_FILE } from './summarize';

/** A rule's setting from the command line: a new severity, or off. */
export type RuleSetting = Severity | 'off';

/**
 * Run each enabled rule over the context and turn what it reports into findings: severity from
 * the rule (or the user's override), include chains as "included from" related locations,
 * duplicates (the same directive reached through two includes) reported once.
 */
export function runRules(
  rules: readonly Rule[],
  context: Omit<RuleContext, 'report'>,
  settings: ReadonlyMap<string, RuleSetting> = new Map(),
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const setting = settings.get(rule.meta.id);
    if (setting === 'off') continue;
    const ruleDocs = docsUrl(rule.meta.id);
    const lazyReports = new Map<string, number>();
    const report = (input: ReportInput): void => {
      const range = input.range;
      const lazy = typeof input.message === 'function';
      if (lazy) {
        // A per-line rule's repeats past the first eleven in a file are folded into one summary
        // (summarizeRepeats): keep their place and severity, not a message nobody reads.
        const count = (lazyReports.get(input.file.diskPath) ?? 0) + 1;
        lazyReports.set(input.file.diskPath, count);
        if (count > FOLDED_AFTER) {
          findings.push(foldedRepeat(rule.meta.id, setting ?? input.severity ?? rule.meta.severity, input.file.diskPath, range, ruleDocs));
          return;
        }
      }
      const message = typeof input.message === 'function' ? input.message() : input.message;
      const key = `${rule.meta.id}\0${input.file.diskPath}\0${range.start.offset}\0${range.end.offset}\0${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      // Built field by field (no spread): a password file can make a rule report 100,000 times.
      const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
        ruleId: rule.meta.id,
        severity: setting ?? input.severity ?? rule.meta.severity,
        message,
        file: input.file.diskPath,
        line: input.range.start.line,
        column: input.range.start.column,
        endLine: input.range.end.line,
        endColumn: input.range.end.column,
        related: relatedOf(input),
        docsUrl: ruleDocs,
      };
      if (input.fix) finding.fix = safeFix(typeof input.fix === 'function' ? input.fix() : input.fix);
      findings.push(finding);
    };
    rule.check({ ...context, report });
  }
  return findings.sort(compareFindings);
}

/** Findings of one rule in one file built in full; past these, summarizeRepeats folds them into one. */
const FOLDED_AFTER = FINDINGS_SHOWN_PER_RULE_AND_FILE + 1;
const NO_RELATED: RelatedLocation[] = [];

/** A repeat the report folds: its place and severity (suppressions and the summary's count need them), no text. */
function foldedRepeat(ruleId: string, severity: Severity, file: string, range: ReportInput['range'], docs: string): Finding {
  return { ruleId, severity, message: '', file, line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column, related: NO_RELATED, docsUrl: docs };
}

/**
 * The one gate every fix passes: a command that would hold a control character (a user name
 * with a newline or an escape sequence in it) is never printed — quoting cannot make it safe to
 * paste — and the fix says so instead.
 */
function safeFix(fix: FixSuggestion): FixSuggestion {
  if (!fix.commands.some(hasControlCharacters)) return fix;
  const commands = fix.commands.filter((command) => !hasControlCharacters(command));
  const note = '# a command was left out: a value in it holds control characters, which no shell quoting makes safe to paste';
  return { snippet: fix.snippet ? `${fix.snippet}\n${note}` : note, commands };
}

function relatedOf(input: ReportInput): RelatedLocation[] {
  const related: RelatedLocation[] = (input.related ?? []).map((item) => ({
    file: item.file.diskPath,
    line: item.range.start.line,
    column: item.range.start.column,
    message: item.message,
  }));
  const chain = input.chain ?? [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i];
    const start = step.directive.range.start;
    related.push({
      file: step.file.diskPath,
      line: start.line,
      column: start.column,
      message: `included from ${step.file.serverPath}:${start.line}`,
    });
  }
  return related;
}
