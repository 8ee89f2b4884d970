/** Process exit codes, in one place (documented in the README). */
export const EXIT_OK = 0;
/** At least one finding reaches the --fail-on threshold. */
export const EXIT_FINDINGS = 1;
/** Bad command line, or nothing could be read at all. */
export const EXIT_USAGE = 2;
