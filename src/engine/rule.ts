import type { FixSuggestion } from '../core/finding';
import { DOCS_BASE } from '../version';
import type { ChainStep, FileRef, LoadDiagnostic } from '../core/file-ref';
import type { Range } from '../core/position';
import type { Severity } from '../core/severity';
import type { SourceFile } from '../nginx/config-tree';
import type { ApacheSourceFile } from '../apache/config-tree';
import type { ApacheModel } from '../apache/model';
import type { NginxModel } from '../nginx/model';
import type { HtpasswdModel } from '../htpasswd/model';

export interface RuleMeta {
  /** `<server>/<kebab-name>`, e.g. `nginx/auth-file-missing`. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly description: string;
}

export interface RelatedInput {
  readonly file: FileRef;
  readonly range: Range;
  readonly message: string;
}

export interface ReportInput {
  readonly file: FileRef;
  readonly range: Range;
  /**
   * The message, or a function that builds it: a rule that reports once per line of a password
   * file passes functions (message and fix), so that the repeats the report folds into one
   * summary — every one past the first eleven of a rule in a file — are never built.
   */
  readonly message: string | (() => string);
  /** The include chain of the reported directive; becomes "included from …" related locations. */
  readonly chain?: readonly ChainStep[];
  readonly related?: readonly RelatedInput[];
  readonly fix?: FixSuggestion | (() => FixSuggestion);
  /** This finding's severity when it differs from the rule's default (a user's setting still wins). */
  readonly severity?: Severity;
}

/** What a rule's check sees: the loaded models, the loader's diagnostics, and a way to report. */
export interface RuleContext {
  readonly nginx: readonly NginxModel[];
  /** Every nginx file read in this run, each once. */
  readonly nginxFiles: readonly SourceFile[];
  readonly loaderDiagnostics: readonly LoadDiagnostic[];
  readonly apache: readonly ApacheModel[];
  /** Every Apache file read in this run (configs and .htaccess), each once. */
  readonly apacheFiles: readonly ApacheSourceFile[];
  /** Every password file found or referenced, each once. */
  readonly htpasswd: readonly HtpasswdModel[];
  report(input: ReportInput): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

/** The rule's docs page as an absolute URL: what every report links to. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/rules/${ruleId}.md`;
}

/** The commands that test an nginx configuration and then load it. */
export const NGINX_TEST_AND_RELOAD = ['nginx -t', 'systemctl reload nginx'] as const;
