import { APACHE_DIRECTIVE_MODULES } from './directive-modules.data';

let table: Map<string, { name: string; module: string }> | undefined;

function load(): Map<string, { name: string; module: string }> {
  if (!table) {
    table = new Map();
    for (const line of APACHE_DIRECTIVE_MODULES.split('\n')) {
      const [name, module] = line.split(' ');
      if (name && module) table.set(name.toLowerCase(), { name, module });
    }
  }
  return table;
}

/**
 * The module (e.g. `rewrite_module`) that provides a directive or section (`<Macro`), matched
 * case-insensitively as httpd does; undefined for core directives (every build has them) and
 * for directives of modules httpd does not ship (PHP, WSGI, auth_gssapi…).
 */
export function apacheDirectiveModule(name: string): string | undefined {
  const module = load().get(name.toLowerCase())?.module;
  return module === 'core' ? undefined : module;
}

/** Whether httpd or one of the modules it ships defines this directive or section (`<If`). */
export function isStockApacheDirective(name: string): boolean {
  return load().has(name.toLowerCase());
}

/** The directive as httpd spells it (`AuthUserFile`), or undefined when no stock module defines it. */
export function apacheDirectiveSpelling(name: string): string | undefined {
  return load().get(name.toLowerCase())?.name;
}

let names: readonly string[] | undefined;

/** Every directive httpd and its modules define, as httpd spells them (`AuthUserFile`, `<Directory`). */
export function stockApacheDirectives(): readonly string[] {
  names ??= [...load().values()].map((entry) => entry.name);
  return names;
}
