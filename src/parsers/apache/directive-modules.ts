import { APACHE_DIRECTIVE_MODULES } from './directive-modules.data';

let table: Map<string, string> | undefined;

/**
 * The module (e.g. `rewrite_module`) that provides a directive or section (`<Macro`), matched
 * case-insensitively as httpd does; undefined for core directives and for directives of
 * modules httpd does not ship (PHP, WSGI, auth_gssapi…).
 */
export function apacheDirectiveModule(name: string): string | undefined {
  if (!table) {
    table = new Map();
    for (const line of APACHE_DIRECTIVE_MODULES.split('\n')) {
      const [directive, module] = line.split(' ');
      if (directive && module) table.set(directive.toLowerCase(), module);
    }
  }
  return table.get(name.toLowerCase());
}
