/** Any file a finding can point at: an nginx source file, a password file, … */
export interface FileRef {
  /** Where it is on this machine (under --root, the real path). */
  readonly diskPath: string;
  /** Where the server would read it, when known. */
  readonly serverPath?: string;
}
