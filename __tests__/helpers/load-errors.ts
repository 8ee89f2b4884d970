/**
 * The findings that say a configuration will not load (the config test fails): parser and
 * loader errors and the rules about directives the server refuses. Acceptance tests compare
 * "authlint reports one of these" with "the server's config test rejects the tree".
 */
export const LOAD_ERRORS = new Set([
  'nginx/syntax',
  'nginx/include-missing',
  'nginx/include-cycle',
  'nginx/duplicate-or-malformed-directive',
  'nginx/auth-in-if',
  'nginx/unknown-directive',
  'nginx/directive-context',
  'nginx/proxy-pass-uri-not-allowed',
  'generic/file-unreadable',
  'apache/syntax',
  'apache/unknown-directive',
  'apache/unknown-provider',
  'apache/include-missing',
  'apache/include-cycle',
  'apache/required-module-missing',
  'apache/negative-require-only',
  'apache/authname-quoting-and-expressions',
]);
