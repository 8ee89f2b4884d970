import { oneEditAway } from '../../../core/typos';
import type { ApachePlaced } from '../../../apache/config-tree';
import { isStockApacheDirective, stockApacheDirectives } from '../../../parsers/apache/directive-modules';
import { apacheDirectives, type ApacheDirective, type ApacheNode } from '../../../parsers/apache/ast';
import type { ApacheSourceFile } from '../../../apache/config-tree';
import type { Rule } from '../../../engine/rule';
import { apacheCommands, isHtaccessFile as isHtaccess } from '../common';

/**
 * The stock directive a name is one typo away from (case aside, as httpd compares them). Only one
 * edit: modules httpd does not ship (PHP, WSGI, mod_security…) add directives authlint does not
 * know, and a merely similar name must not be called a typo.
 */
function typoOf(name: string): string | undefined {
  if (name.replace(/^</, '').length < 4) return undefined;
  return oneEditAway(name, stockApacheDirectives(), true)[0];
}

/** A directive name one typo away from a stock one: "Invalid command" — the config does not load (a .htaccess: 500). */
export const apacheUnknownDirective: Rule = {
  meta: {
    id: 'apache/unknown-directive',
    severity: 'error',
    description: 'A directive name one typo away from a stock httpd directive (AuthUsrFile, Requre): apachectl configtest fails with "Invalid command" (in a .htaccess: 500).',
  },
  check(context) {
    const seen = new Set<ApacheDirective>();
    const check = (directive: ApacheDirective, file: ApacheSourceFile, chain: ApachePlaced['chain']): boolean => {
      const name = directive.section ? `<${directive.name}` : directive.name;
      if (seen.has(directive) || isStockApacheDirective(name)) return true;
      seen.add(directive);
      const stock = typoOf(name);
      // A section nobody defines is not read into: its contents are not Apache's business yet.
      if (!stock) return !directive.section;
      const model = context.apache.find((m) => m.config.files.includes(file)) ?? context.apache[0];
      const invalid = `Invalid command '${name}', perhaps misspelled or defined by a module not included in the server configuration`;
      context.report({
        file,
        range: directive.nameRange,
        chain,
        message: `Unknown directive "${name}" — did you mean "${stock}"? ${isHtaccess(file) ? `Every request under ${file.serverPath.replace(/\/[^/]*$/, '')}/ gets 500, logging: ${invalid}` : `apachectl configtest fails with "${invalid}", and a reload keeps the old configuration`}`,
        fix: { snippet: `${stock}${directive.args.map((a) => ` ${a.raw}`).join('')}${directive.section ? '>' : ''}`, commands: model && !isHtaccess(file) ? apacheCommands(model) : [] },
      });
      return false;
    };
    // Configurations: what Apache reads (not the inside of a false <IfModule>).
    const visit = (items: readonly ApachePlaced[]): void => {
      for (const placed of items) {
        if (placed.inactive) continue;
        if (placed.included) visit(placed.included);
        if (check(placed.directive, placed.file, placed.chain) && placed.children) visit(placed.children);
      }
    };
    for (const model of context.apache) visit(model.config.items);
    // .htaccess files, read at request time.
    const walk = (nodes: readonly ApacheNode[], file: ApacheSourceFile): void => {
      for (const directive of apacheDirectives(nodes)) if (check(directive, file, []) && directive.section) walk(directive.section.body, file);
    };
    for (const file of context.apacheFiles) if (isHtaccess(file)) walk(file.parse.nodes, file);
  },
};
