import { displayPath } from './paths';
import type { Reporter } from './report-input';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: annotations on the pull request's files. */
export const githubReporter: Reporter = (input) =>
  input.findings
    .map((finding) => {
      const props = [
        `file=${escapeProperty(displayPath(finding.file, input.cwd))}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(finding.ruleId)}`,
      ].join(',');
      return `::${COMMAND[finding.severity]} ${props}::${escapeData(finding.message)}\n`;
    })
    .join('');

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
