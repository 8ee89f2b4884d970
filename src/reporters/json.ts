import type { Reporter } from './report-input';

/** The documented JSON shape: {findings:[…], files:[{file,type}]}. Paths are as on disk. */
export const jsonReporter: Reporter = (input) => {
  const findings = input.findings.map((finding) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    related: finding.related,
    ...(finding.fix ? { fix: finding.fix } : {}),
  }));
  return JSON.stringify({ findings, files: input.files }, null, 2) + '\n';
};
