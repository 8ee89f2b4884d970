import type { Finding } from '../core/finding';
import type { LintedFile } from '../core/linted-file';

/** Everything a reporter formats. Reporters only format: no file access, no decisions. */
export interface ReportInput {
  readonly findings: readonly Finding[];
  readonly files: readonly LintedFile[];
  /** The text of a line of a linted file, for excerpts; undefined when unknown. */
  readonly sourceLine: (file: string, line: number) => string | undefined;
  /** Directory that paths are shown relative to. */
  readonly cwd: string;
  readonly color: boolean;
  readonly rules: readonly { id: string; severity: string; description: string; docsUrl: string }[];
  readonly version: string;
}

export type Reporter = (input: ReportInput) => string;
