import { findingAt, type Finding } from '../core/finding';
import type { Range } from '../core/position';
import type { Severity } from '../core/severity';
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

export interface Comment {
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
      // Only a comment naming authlint can be a suppression: the others cost nothing more.
      if (node.type === 'comment') {
        if (!node.text.includes('authlint-disable')) continue;
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
      if (node.type === 'comment') {
        if (node.text.includes('authlint-disable')) out.push({ text: node.text, range: node.range, nextLine: nextCodeLine(node.range.start.line), trailing: false });
      }
      else if (node.section) visit(node.section.body);
    }
  };
  visit(file.parse.nodes);
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
  /** Each password file's suppression comments (src/htpasswd/windows.ts gathers them in its first pass). */
  htpasswd: readonly (readonly [string, readonly Comment[]])[],
  knownRules: ReadonlySet<string>,
  severityOf: (meta: RuleMeta) => Severity | 'off',
  apacheFiles: readonly ApacheSourceFile[] = [],
): SuppressionResult {
  const set = new SuppressionSet(
    [
      ...nginxFiles.map((file) => [file.diskPath, nginxComments(file)] as const),
      ...htpasswd,
      ...apacheFiles.map((file) => [file.diskPath, apacheComments(file)] as const),
    ],
    knownRules,
    severityOf,
  );
  const kept = findings.filter((finding) => !set.suppresses(finding));
  return { findings: kept, problems: set.problems() };
}

/**
 * The suppressions of a set of files: which findings they hide, and the invalid and unused ones
 * as findings. A big password file's findings come window by window: `suppresses` is asked as
 * they come, `problems` once all have been.
 */
export class SuppressionSet {
  private readonly suppressions: Suppression[] = [];
  private readonly invalid: Finding[] = [];
  // Looked up by file and line, not scanned per finding: a file of 100,000 disable comments and
  // as many findings would otherwise cost 10^10 comparisons.
  private readonly index = new Map<string, { whole: Suppression[]; byLine: Map<number, Suppression[]> }>();

  constructor(
    sources: readonly (readonly [string, readonly Comment[]])[],
    knownRules: ReadonlySet<string>,
    private readonly severityOf: (meta: RuleMeta) => Severity | 'off',
  ) {
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
          this.report(this.invalid, INVALID_SUPPRESSION, file, comment.range, `this authlint-disable-${kind} ${why}, so it suppresses nothing; write: # authlint-disable-${kind} RULE -- why`);
          continue;
        }
        const target = kind === 'line' ? comment.range.start.line : comment.nextLine;
        const s: Suppression = { file, range: comment.range, kind, rules, reason, target, order: this.suppressions.length, used: false };
        this.suppressions.push(s);
        let entry = this.index.get(file);
        if (!entry) this.index.set(file, (entry = { whole: [], byLine: new Map() }));
        if (kind === 'file') entry.whole.push(s);
        else {
          const list = entry.byLine.get(target);
          if (list) list.push(s);
          else entry.byLine.set(target, [s]);
        }
      }
    }
  }

  /** Whether a comment hides this finding (the first in file order that names its rule there, marked used). */
  suppresses(finding: Finding): boolean {
    const entry = this.index.get(finding.file);
    if (!entry) return false;
    let match: Suppression | undefined;
    for (const s of entry.byLine.get(finding.line) ?? []) {
      if (s.rules.includes(finding.ruleId)) {
        match = s;
        break;
      }
    }
    for (const s of entry.whole) {
      if (s.rules.includes(finding.ruleId) && (!match || s.order < match.order)) {
        match = s;
        break;
      }
    }
    if (match) match.used = true;
    return match !== undefined;
  }

  /** The invalid suppressions, and those that hid nothing. */
  problems(): Finding[] {
    const out = [...this.invalid];
    for (const s of this.suppressions) {
      if (s.used) continue;
      this.report(out, UNUSED_SUPPRESSION, s.file, s.range, `this authlint-disable-${s.kind} for ${s.rules.join(', ')} suppresses nothing${s.kind === 'file' ? ' in this file' : ` on line ${s.target}`}: remove it (was the problem fixed?)`);
    }
    return out;
  }

  private report(into: Finding[], meta: RuleMeta, file: string, range: Range, message: string): void {
    const severity = this.severityOf(meta);
    if (severity === 'off') return;
    into.push(findingAt({ ruleId: meta.id, severity, message, file, related: [], docsUrl: docsUrl(meta.id) }, range));
  }
}
