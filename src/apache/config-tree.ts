import type { Range } from '../core/position';
import type { ApacheDirective, ApacheParseResult } from '../parsers/apache/ast';

export interface ApacheSourceFile {
  readonly diskPath: string;
  readonly serverPath: string;
  readonly parse: ApacheParseResult;
}

export interface ApacheIncludeStep {
  readonly file: ApacheSourceFile;
  readonly directive: ApacheDirective;
}

/**
 * A directive at its place in the loaded configuration, with ${VAR}s substituted in `args`,
 * includes expanded in place, and sections that <IfModule>/<IfDefine> switch off marked.
 */
export interface ApachePlaced {
  readonly directive: ApacheDirective;
  /** Argument values after ${VAR} substitution. */
  readonly args: readonly string[];
  readonly file: ApacheSourceFile;
  readonly chain: readonly ApacheIncludeStep[];
  readonly children?: readonly ApachePlaced[];
  readonly included?: readonly ApachePlaced[];
  /** Inside an <IfModule>/<IfDefine> whose condition is false: Apache skips it. */
  readonly inactive?: { readonly by: ApachePlaced; readonly why: string };
}

export interface ApacheLoaderDiagnostic {
  readonly ruleId: string;
  readonly file: ApacheSourceFile;
  readonly range: Range;
  readonly message: string;
  readonly chain: readonly ApacheIncludeStep[];
  readonly severity?: 'info';
}

export interface ApacheConfig {
  readonly entry: ApacheSourceFile;
  readonly isMain: boolean;
  /** ServerRoot as the server sees it: relative paths (Include, AuthUserFile) resolve against it. */
  readonly serverRoot: string;
  readonly items: readonly ApachePlaced[];
  readonly files: readonly ApacheSourceFile[];
  /** Module identifiers loaded by LoadModule (auth_basic_module); undefined when unknown (a fragment). */
  readonly modules?: ReadonlySet<string>;
  /** Define'd names and envvars values. */
  readonly defines: ReadonlyMap<string, string>;
  /** Debian's envvars, or the User directive: the account the workers run as. */
  readonly runUser: string;
  readonly layout: 'debian' | 'rhel' | 'other';
}
