import type { Scope } from '../../nginx/scopes';

/** The header line of a scope's block as written (`location /admin/ {`), for fix snippets. */
export function blockHeader(scope: Scope): string {
  if (!scope.block) return `${scope.kind} {`;
  const directive = scope.block.directive;
  return [directive.name, ...directive.args.map((arg) => arg.raw)].join(' ') + ' {';
}

/** Lines wrapped in a scope's block, indented as nginx's own examples are. */
export function inBlock(scope: Scope, lines: readonly string[]): string {
  return [blockHeader(scope), ...lines.map((line) => `    ${line}`), '}'].join('\n');
}

/** Where Debian and most distributions keep password files; used in suggested snippets. */
export const SUGGESTED_USER_FILE = '/etc/nginx/.htpasswd';
