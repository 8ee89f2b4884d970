import { createColors } from 'picocolors';
import type { Finding } from '../core/finding';
import { displayPath } from './paths';
import { escapeControls } from './redact';
import type { Reporter } from './report-input';

/**
 * Human output, grouped by file: position, severity, message and rule id; then the offending
 * line with a caret under the range, related places, the suggested fix, the commands to test
 * and reload, and the rule's docs page.
 */
export const stylishReporter: Reporter = (input) => {
  const c = createColors(input.color);
  const severityColor = { error: c.red, warning: c.yellow, info: c.blue } as const;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(c.underline(escapeControls(displayPath(file, input.cwd))));
    for (const finding of findings) {
      const position = `${finding.line}:${finding.column}`;
      out.push(`  ${c.dim(position.padEnd(7))} ${severityColor[finding.severity](finding.severity.padEnd(7))} ${finding.message}  ${c.dim(finding.ruleId)}`);
      const excerpt = excerptLines(finding, input.sourceLine(file, finding.line));
      for (const line of excerpt) out.push(`          ${c.dim(line.gutter)}${line.caret ? severityColor[finding.severity](line.text) : line.text}`);
      for (const related of finding.related) {
        out.push(`          ${c.dim('↳')} ${related.message} ${c.dim(`(${displayPath(related.file, input.cwd)}:${related.line}:${related.column})`)}`);
      }
      if (finding.fix) {
        if (finding.fix.snippet) {
          out.push(`          ${c.green('fix:')}`);
          for (const line of finding.fix.snippet.split('\n')) out.push(`            ${c.green(line)}`);
        }
        if (finding.fix.commands.length > 0) out.push(`          ${c.green('then run:')} ${finding.fix.commands.join(' && ')}`);
      }
      out.push(`          ${c.dim('docs: ' + finding.docsUrl)}`);
    }
    out.push('');
  }
  out.push(summary(input.findings, byFile.size, input.files.length, c));
  return out.join('\n') + '\n';
};

function excerptLines(finding: Finding, text: string | undefined): { gutter: string; text: string; caret?: boolean }[] {
  if (text === undefined) return [];
  const number = String(finding.line);
  const gutter = `${number} | `;
  const blank = `${' '.repeat(number.length)} | `;
  const expanded = text.replace(/\t/g, ' ');
  let start = finding.column - 1;
  let end = finding.endLine === finding.line ? Math.max(finding.endColumn - 1, start + 1) : Math.max(expanded.length, start + 1);
  // A long line (a minified file, a hostile one) is shown as a window around the finding.
  let shown = expanded;
  if (expanded.length > EXCERPT_WIDTH) {
    const from = Math.max(0, Math.min(start - EXCERPT_CONTEXT, expanded.length - EXCERPT_WIDTH));
    const to = Math.min(expanded.length, from + EXCERPT_WIDTH);
    shown = `${from > 0 ? '…' : ''}${expanded.slice(from, to)}${to < expanded.length ? '…' : ''}`;
    const shift = from > 0 ? from - 1 : 0;
    start -= shift;
    end = Math.min(end - shift, shown.length);
  }
  return [
    { gutter, text: shown },
    { gutter: blank, text: ' '.repeat(start) + '^'.repeat(Math.max(1, end - start)), caret: true },
  ];
}

/** The widest excerpt line shown, and how much of the line before the finding it keeps. */
const EXCERPT_WIDTH = 160;
const EXCERPT_CONTEXT = 40;

function summary(findings: readonly Finding[], fileCount: number, linted: number, c: ReturnType<typeof createColors>): string {
  const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (findings.length === 0) return c.green(`✔ no problems in ${plural(linted, 'file')}`);
  const text = `✖ ${plural(findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${plural(fileCount, 'file')} of ${linted} linted`;
  return count('error') > 0 ? c.red(c.bold(text)) : c.yellow(c.bold(text));
}
