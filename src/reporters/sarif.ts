import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../core/finding';
import type { Reporter } from './report-input';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 for code-scanning tools. Columns are UTF-16 units and end columns exclusive, as SARIF expects. */
export const sarifReporter: Reporter = (input) => {
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.id, index]));
  const uri = (file: string): { uri: string; uriBaseId?: string } => {
    const relative = path.relative(input.cwd, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
      return { uri: relative.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' };
    }
    return { uri: pathToFileURL(file).href };
  };
  const results = input.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: {
      text: finding.fix ? `${finding.message}\n\n${fixText(finding.fix)}` : finding.message,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: uri(finding.file),
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
    ...(finding.related.length
      ? {
          relatedLocations: finding.related.map((related, id) => ({
            id,
            message: { text: related.message },
            physicalLocation: { artifactLocation: uri(related.file), region: { startLine: related.line, startColumn: related.column } },
          })),
        }
      : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'authlint',
            version: input.version,
            informationUri: input.rules[0]?.docsUrl.replace(/\/rules\/.*$/, '/user-guide/README.md'),
            rules: input.rules.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: firstSentence(rule.description) },
              fullDescription: { text: rule.description },
              help: { text: `${rule.description}\nDocumentation: ${rule.docsUrl}`, markdown: `${rule.description}\n\n[Documentation of ${rule.id}](${rule.docsUrl})` },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: LEVEL[rule.severity as keyof typeof LEVEL] },
              properties: { tags: ['security', rule.id.split('/')[0]] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(input.cwd + path.sep).href } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
};

/** SARIF's rule name: an identifier-like PascalCase of the id ("nginx/auth-file-missing" → "NginxAuthFileMissing"). */
function ruleName(id: string): string {
  return id.split(/[/-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** GitHub shows shortDescription as the rule's title: the description up to its first colon or period. */
function firstSentence(text: string): string {
  const cut = text.search(/[:.](\s|$)/);
  return cut > 0 ? text.slice(0, cut) : text;
}

/** The fix as plain text; many fixes are only commands (a snippet would have to print hashes). */
function fixText(fix: NonNullable<Finding['fix']>): string {
  const parts = [];
  if (fix.snippet) parts.push(`Suggested fix:\n${fix.snippet}`);
  if (fix.commands.length) parts.push(`${fix.snippet ? 'Then run' : 'Run'}: ${fix.commands.join(' && ')}`);
  return parts.join('\n');
}
