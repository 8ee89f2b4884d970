import type { Range } from './position';
import type { Severity } from './severity';

export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface FixSuggestion {
  /** The corrected lines, ready to paste. */
  readonly snippet: string;
  /** Commands to test the configuration and then reload the server, in order. */
  readonly commands: readonly string[];
}

/** The contract every reporter reads. `file` is the path on disk (under --root, the real path). */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly related: readonly RelatedLocation[];
  readonly fix?: FixSuggestion;
  /** Absolute URL of the rule's documentation page. */
  readonly docsUrl: string;
}

export function findingAt(
  base: Omit<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>,
  range: Range,
): Finding {
  return {
    ...base,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

/** Stable order for output: by file, then position, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
