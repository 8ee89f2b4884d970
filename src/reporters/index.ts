import { githubReporter } from './github';
import { jsonReporter } from './json';
import { redactReport } from './redact';
import type { Reporter, ReportInput } from './report-input';
import { sarifReporter } from './sarif';
import { stylishReporter } from './stylish';

export const REPORTERS = {
  stylish: stylishReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
} as const satisfies Record<string, Reporter>;

export type FormatName = keyof typeof REPORTERS;
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];

/** Format a report: every format goes through the same redaction first (see redact.ts). */
export function renderReport(format: FormatName, input: ReportInput): string {
  return REPORTERS[format](redactReport(input));
}
