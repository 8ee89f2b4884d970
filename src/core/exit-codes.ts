/**
 * Process exit codes, in one place (docs/user-guide/formats.md#exit-codes). Each outcome has its
 * own code, so that a script can tell "the config has problems" from "I called it wrong" from
 * "there was nothing to look at" without reading messages.
 */
export const ExitCode = {
  /** Nothing reaches the --fail-on threshold (lint), the password matches (passwd check), no event (logs). */
  OK: 0,
  /** At least one finding reaches --fail-on; the password does not match; auth events found. */
  FINDINGS: 1,
  /** Bad command line, invalid configuration file, a path that does not exist, an unreadable input. */
  USAGE: 2,
  /** The paths exist but hold no nginx, Apache, .htaccess or htpasswd file. */
  NOTHING_TO_LINT: 3,
  /** passwd check cannot decide (the hash needs a C library that is not the server's, …). */
  UNDECIDED: 4,
  /** A bug in authlint (an internal error): please report it. */
  INTERNAL: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_OK = ExitCode.OK;
export const EXIT_FINDINGS = ExitCode.FINDINGS;
export const EXIT_USAGE = ExitCode.USAGE;
