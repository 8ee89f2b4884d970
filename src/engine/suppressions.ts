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
  /** Its place among the run's suppressions: the first in file order wins. */
  readonly order: number;
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

/**
 * The line a next-line suppression on a line covers: the next that is not blank or a comment.
 * Worked out for every line in one backward pass, so a file of 200,000 comment lines costs one
 * walk, not one walk per comment (a hostile file made that quadratic: minutes for 400 KB).
 */
function nextCodeLineFinder(lineCount: number, isCode: (line: number) => boolean): (after: number) => number {
  let next: Int32Array | undefined;
  return (after) => {
    if (!next) {
      next = new Int32Array(lineCount + 2);
      for (let line = lineCount; line >= 1; line--) next[line] = isCode(line) ? line : next[line + 1];
    }
    return (after + 1 <= lineCount ? next[after + 1] : 0) || after + 1;
  };
}

/** nextCodeLineFinder over a config file's lines (a comment is a line whose first non-blank is #). */
function configNextCodeLine(lines: { readonly lineCount: number; lineText(line: number): string }): (after: number) => number {
  return nextCodeLineFinder(lines.lineCount, (line) => {
    const text = lines.lineText(line).trim();
    return text !== '' && !text.startsWith('#');
  });
}

function nginxComments(file: SourceFile): Comment[] {
  const out: Comment[] = [];
  const lines = file.parse.lines;
  const nextCodeLine = configNextCodeLine(lines);
  const visit = (nodes: readonly NginxNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'comment') {
        const line = node.range.start.line;
        const before = lines.lineText(line).slice(0, node.range.start.column - 1).trim();
        out.push({ text: node.text, range: node.range, nextLine: nextCodeLine(line), trailing: before !== '' });
      } else if (node.block) visit(node.block);
    }
  };
  visit(file.parse.nodes);
  return out;
}

/** Apache comments are whole lines (httpd reads no comment after a directive). */
function apacheComments(file: ApacheSourceFile): Comment[] {
  const out: Comment[] = [];
  const nextCodeLine = configNextCodeLine(file.parse.lines);
  const visit = (nodes: readonly ApacheNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'comment') out.push({ text: node.text, range: node.range, nextLine: nextCodeLine(node.range.start.line), trailing: false });
      else if (node.section) visit(node.section.body);
    }
  };
  visit(file.parse.nodes);
  return out;
}

function htpasswdComments(model: HtpasswdModel): Comment[] {
  const out: Comment[] = [];
  const lines = model.doc.lines;
  // Lines are numbered from lines[0].number on (a window of a streamed file starts further down).
  const first = lines.length > 0 ? lines[0].number : 1;
  const nextCodeLine = nextCodeLineFinder(lines.length, (k) => lines[k - 1].text.trim() !== '' && !lines[k - 1].text.startsWith('#'));
  for (const line of lines) {
    if (!line.text.startsWith('#')) continue;
    const next = nextCodeLine(line.number - first + 1);
    out.push({ text: line.text.slice(1), range: model.doc.index.range(line.offset, line.offset + line.text.length), nextLine: next + first - 1, trailing: false });
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
      suppressions.push({ file, range: comment.range, kind, rules, reason, target, order: suppressions.length, used: false });
    }
  }
  // Looked up by file and line, not scanned per finding: a file of 100,000 disable comments and
  // as many findings would otherwise cost 10^10 comparisons.
  const index = new Map<string, { whole: Suppression[]; byLine: Map<number, Suppression[]> }>();
  for (const s of suppressions) {
    let entry = index.get(s.file);
    if (!entry) index.set(s.file, (entry = { whole: [], byLine: new Map() }));
    if (s.kind === 'file') entry.whole.push(s);
    else {
      const list = entry.byLine.get(s.target);
      if (list) list.push(s);
      else entry.byLine.set(s.target, [s]);
    }
  }
  const kept = findings.filter((finding) => {
    const entry = index.get(finding.file);
    if (!entry) return true;
    // The first matching comment in file order, as before: file-wide and line comments interleave.
    let match: Suppression | undefined;
    for (const s of entry.byLine.get(finding.line) ?? []) if (s.rules.includes(finding.ruleId)) { match = s; break; }
    for (const s of entry.whole) if (s.rules.includes(finding.ruleId) && (!match || s.order < match.order)) { match = s; break; }
    if (match) match.used = true;
    return !match;
  });
  for (const s of suppressions) {
    if (s.used) continue;
    report(UNUSED_SUPPRESSION, s.file, s.range, `this authlint-disable-${s.kind} for ${s.rules.join(', ')} suppresses nothing${s.kind === 'file' ? ' in this file' : ` on line ${s.target}`}: remove it (was the problem fixed?)`);
  }
  return { findings: kept, problems };
}
