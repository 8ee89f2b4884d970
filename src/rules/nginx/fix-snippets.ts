import type { NginxModel } from '../../nginx/model';
import type { Scope } from '../../nginx/scopes';
import type { NginxDirective } from '../../parsers/nginx/ast';

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

/** The auth_basic and auth_basic_user_file lines in force in a scope, as written there (or suggested ones). */
export function authLines(model: NginxModel, scope: Scope): string[] {
  const auth = model.effectiveAuth(scope);
  const written = (placed: { directive: { name: string; args: readonly { raw: string }[] } } | undefined) => (placed ? `${placed.directive.name} ${placed.directive.args.map((a) => a.raw).join(' ')};` : undefined);
  return [written(auth.realm?.placed) ?? 'auth_basic "Restricted";', written(auth.userFile?.placed) ?? `auth_basic_user_file ${SUGGESTED_USER_FILE};`];
}

/** A scope's own simple directives as written, to move the block elsewhere. */
export function ownDirectiveLines(scope: Scope): string[] {
  return scope.directives.filter((d) => !d.children).map((d) => directiveLine(d.directive));
}

/** One simple directive as written: `name arg …;`. */
export function directiveLine(directive: NginxDirective): string {
  return `${directive.name}${directive.args.length ? ' ' + directive.args.map((a) => a.raw).join(' ') : ''};`;
}

/** A block with nested lines, each line indented once more. */
export function nestedBlock(header: string, lines: readonly string[]): string {
  // Loops rather than flatMap: one snippet per finding, and a 10,000-server tree has 20,000.
  let out = `${header} {`;
  for (const line of lines) for (const part of line.split('\n')) out += `\n    ${part}`;
  return `${out}\n}`;
}
