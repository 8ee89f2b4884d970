import type { Range } from './position';
import type { Severity } from './severity';

/** One include on the way to a file: any server's include directive. */
export interface ChainStep {
  readonly file: { readonly diskPath: string; readonly serverPath: string };
  readonly directive: { readonly range: Range };
}

/** A problem found while loading a configuration (any server), reported by the rule with its id. */
export interface LoadDiagnostic {
  readonly ruleId: string;
  readonly severity?: Severity;
  readonly file: FileRef;
  readonly range: Range;
  readonly message: string;
  readonly chain: readonly ChainStep[];
}

/** Any file a finding can point at: an nginx source file, a password file, … */
export interface FileRef {
  /** Where it is on this machine (under --root, the real path). */
  readonly diskPath: string;
  /** Where the server would read it, when known. */
  readonly serverPath?: string;
}
