import type { FileKind } from './file-kind';

/** A file a run read, and as what. */
export interface LintedFile {
  readonly file: string;
  readonly type: FileKind;
}
