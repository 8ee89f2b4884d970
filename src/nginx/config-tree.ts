import type { Range } from '../core/position';
import type { NginxDirective, NginxParseResult } from '../parsers/nginx/ast';

/** One configuration file as read from disk. */
export interface SourceFile {
  /** Where it was read on this machine (under --root, the real path). */
  readonly diskPath: string;
  /** Where the server would read it (`/etc/nginx/nginx.conf`). */
  readonly serverPath: string;
  readonly parse: NginxParseResult;
}

/** The include directive through which a file was reached. */
export interface IncludeStep {
  readonly file: SourceFile;
  readonly directive: NginxDirective;
}

/**
 * A directive at its place in the loaded configuration. A file included twice yields two
 * placements of the same directive, each with its own include chain (outermost first).
 */
export interface Placed {
  readonly directive: NginxDirective;
  readonly file: SourceFile;
  readonly chain: readonly IncludeStep[];
  /** Block contents, with includes expanded in place. */
  readonly children?: readonly Placed[];
  /** For `include`: the directives of the included files, in glob(3) order. */
  readonly included?: readonly Placed[];
}

/** nginx context a fragment is read in. */
export type FragmentContext = 'main' | 'http' | 'server' | 'location';

export interface LoaderDiagnostic {
  readonly ruleId: string;
  /** When the finding is less certain than the rule's default (a guessed conf prefix). */
  readonly severity?: import('../core/severity').Severity;
  readonly file: SourceFile;
  readonly range: Range;
  readonly message: string;
  readonly chain: readonly IncludeStep[];
}

/** A configuration as nginx would load it from one entry file. */
export interface NginxConfig {
  readonly entry: SourceFile;
  /** `main` for an nginx.conf; otherwise the context the fragment was placed in. */
  readonly context: FragmentContext;
  readonly isFragment: boolean;
  /** Server path of the directory relative paths resolve against (nginx's conf prefix). */
  readonly confPrefix: string;
  /**
   * False for a lone file with no nginx.conf above it: the conf prefix is a guess (its own
   * directory) and what it includes or names may simply live on the server, not here.
   */
  readonly confPrefixKnown: boolean;
  readonly items: readonly Placed[];
  /** Every file this configuration read. */
  readonly files: readonly SourceFile[];
}
