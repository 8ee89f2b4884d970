import { findingAt, type Finding } from '../core/finding';
import type { Range } from '../core/position';
import type { Severity } from '../core/severity';
import type { HtpasswdModel } from '../htpasswd/model';
import type { SourceFile } from '../nginx/config-tree';
import type { NginxNode } from '../parsers/nginx/ast';
import type { ApacheSourceFile } from '../apache/config-tree';
import type { ApacheNode } from '../parsers/apache/ast';
import type { RuleMeta } from './rule';
import { docsUrl } from './rule';

/**
 * Inline suppressions, in a comment of the file the finding is in:
 *   # authlint-disable-next-line nginx/auth-file-relative-path -- the container sets -p /etc/nginx
 *   auth_basic_user_file htpasswd;
 *   location /x/ { … }   # authlint-disable-line nginx/sibling-location-not-protected -- public on purpose
 *   # authlint-disable-file htpasswd/md5-based -- legacy clients, replaced in Q3
 * A reason after `--` is required: a suppression without one suppresses nothing and is reported,
 * and so is one that suppresses nothing (unused), so stale ones do not pile up.
 */
export const UNUSED_SUPPRESSION: RuleMeta = {
  id: 'generic/unused-suppression',
  severity: 'warning',
  description: 'An authlint-disable comment that suppresses no finding (the problem was fixed, or the rule id is wrong).',
};
export const INVALID_SUPPRESSION: RuleMeta = {
  id: 'generic/invalid-suppression',
  severity: 'warning',
  description: 'An authlint-disable comment without a reason after "--", or naming no known rule: it suppresses nothing.',
};

type Kind = 'line' | 'next-line' | 'file';

interface Suppression {
  readonly file: string;
  readonly range: Range;
  readonly kind: Kind;
  readonly rules: string[];
  readonly reason: string;
  /** The line it covers (line and next-line kinds). */
  readonly target: number;
  used: boolean;
}

const PATTERN = /^\s*authlint-disable-(next-line|line|file)\b\s*([^]*?)\s*(?:--\s*(.*))?$/;

interface Comment {
  readonly text: string;
  readonly range: Range;
  /** The line a next-line suppression covers: the next line that is not blank or a comment. */
  readonly nextLine: number;
  /** The comment shares its line with code (a trailing comment). */
  readonly trailing: boolean;
}

/** The line a next-line suppression on line `after` covers: the next that is not blank or a comment. */
function nextCodeLine(lines: { readonly lineCount: number; lineText(line: number): string }, after: number): number {
  for (let line = after + 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line).trim();
    if (text !== '' && !text.startsWith('#')) return line;
  }
  return after + 1;
}

function nginxComments(file: SourceFile): Comment[] {
  const out: Comment[] = [];
  const lines = file.parse.lines;
  const visit = (nodes: readonly NginxNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'comment') {
        const line = node.range.start.line;
        const before = lines.lineText(line).slice(0, node.range.start.column - 1).trim();
        out.push({ text: node.text, range: node.range, nextLine: nextCodeLine(lines, line), trailing: before !== '' });
      } else if (node.block) visit(node.block);
    }
  };
  visit(file.parse.nodes);
  return out;
}

/** Apache comments are whole lines (httpd reads no comment after a directive). */
function apacheComments(file: ApacheSourceFile): Comment[] {
  const out: Comment[] = [];
  const visit = (nodes: readonly ApacheNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'comment') out.push({ text: node.text, range: node.range, nextLine: nextCodeLine(file.parse.lines, node.range.start.line), trailing: false });
      else if (node.section) visit(node.section.body);
    }
  };
  visit(file.parse.nodes);
  return out;
}

function htpasswdComments(model: HtpasswdModel): Comment[] {
  const out: Comment[] = [];
  for (const line of model.doc.lines) {
    if (!line.text.startsWith('#')) continue;
    const next = model.doc.lines.find((l) => l.number > line.number && l.text.trim() !== '' && !l.text.startsWith('#'));
    out.push({ text: line.text.slice(1), range: model.doc.index.range(line.offset, line.offset + line.text.length), nextLine: next?.number ?? line.number + 1, trailing: false });
  }
  return out;
}

export interface SuppressionResult {
  readonly findings: Finding[];
  /** Invalid and unused suppressions, as findings. */
  readonly problems: Finding[];
}

export function applySuppressions(
  findings: readonly Finding[],
  nginxFiles: readonly SourceFile[],
  htpasswd: readonly HtpasswdModel[],
  knownRules: ReadonlySet<string>,
  severityOf: (meta: RuleMeta) => Severity | 'off',
  apacheFiles: readonly ApacheSourceFile[] = [],
): SuppressionResult {
  const problems: Finding[] = [];
  const report = (meta: RuleMeta, file: string, range: Range, message: string): void => {
    const severity = severityOf(meta);
    if (severity === 'off') return;
    problems.push(findingAt({ ruleId: meta.id, severity, message, file, related: [], docsUrl: docsUrl(meta.id) }, range));
  };
  const suppressions: Suppression[] = [];
  const sources: [string, Comment[]][] = [
    ...nginxFiles.map((file) => [file.diskPath, nginxComments(file)] as [string, Comment[]]),
    ...htpasswd.map((model) => [model.file.diskPath, htpasswdComments(model)] as [string, Comment[]]),
    ...apacheFiles.map((file) => [file.diskPath, apacheComments(file)] as [string, Comment[]]),
  ];
  for (const [file, comments] of sources) {
    for (const comment of comments) {
      const match = PATTERN.exec(comment.text);
      if (!match) continue;
      const kind = match[1] as Kind;
      const rules = match[2].split(/[\s,]+/).filter(Boolean);
      const reason = (match[3] ?? '').trim();
      const unknown = rules.filter((rule) => !knownRules.has(rule));
      if (rules.length === 0 || unknown.length > 0 || reason === '') {
        const why = rules.length === 0 ? 'names no rule' : unknown.length > 0 ? `names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (see authlint rules)` : 'gives no reason after "--"';
        report(INVALID_SUPPRESSION, file, comment.range, `this authlint-disable-${kind} ${why}, so it suppresses nothing; write: # authlint-disable-${kind} RULE -- why`);
        continue;
      }
      const target = kind === 'line' ? comment.range.start.line : comment.nextLine;
      suppressions.push({ file, range: comment.range, kind, rules, reason, target, used: false });
    }
  }
  const kept = findings.filter((finding) => {
    const match = suppressions.find(
      (s) => s.file === finding.file && s.rules.includes(finding.ruleId) && (s.kind === 'file' || s.target === finding.line),
    );
    if (match) match.used = true;
    return !match;
  });
  for (const s of suppressions) {
    if (s.used) continue;
    report(UNUSED_SUPPRESSION, s.file, s.range, `this authlint-disable-${s.kind} for ${s.rules.join(', ')} suppresses nothing${s.kind === 'file' ? ' in this file' : ` on line ${s.target}`}: remove it (was the problem fixed?)`);
  }
  return { findings: kept, problems };
}
