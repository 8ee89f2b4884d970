import type { Reporter } from './report-input';

/** The version of the JSON contract (schemas/report.schema.json): raised when a field is removed or changes meaning. */
export const JSON_FORMAT_VERSION = 1;

/** The documented JSON shape (schemas/report.schema.json). Paths are as on disk. */
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
    docsUrl: finding.docsUrl,
  }));
  return JSON.stringify({ formatVersion: JSON_FORMAT_VERSION, tool: { name: 'authlint', version: input.version }, findings, files: input.files }, null, 2) + '\n';
};
