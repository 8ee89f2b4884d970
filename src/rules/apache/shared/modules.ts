import type { ApachePlaced } from '../../../apache/config-tree';
import type { ApacheModel } from '../../../apache/model';
import { DEBIAN_BUILT_IN_MODULES } from '../../../apache/built-in-modules';
import { apacheDirectiveModule } from '../../../parsers/apache/directive-modules';
import { apacheCommands } from '../common';
import { sh } from '../../../core/shell';

export const AUTH = /^(auth(type|name|userfile|groupfile|basicprovider)|require|requireall|requireany|requirenone)$/i;

export const NEEDS: [RegExp, string, string][] = [
  [/^authtype$/i, 'auth_basic_module', 'AuthType Basic configured without corresponding module (AH01796), 500 at run time'],
  [/^authuserfile$/i, 'authn_file_module', "Invalid command 'AuthUserFile', perhaps misspelled or defined by a module not included in the server configuration"],
  [/^authgroupfile$/i, 'authz_groupfile_module', "Invalid command 'AuthGroupFile'"],
  [/^(order|allow|deny|satisfy)$/i, 'access_compat_module', "Invalid command '…', perhaps misspelled or defined by a module not included in the server configuration"],
  [/^require$/i, 'authz_core_module', "Invalid command 'Require'"],
];


/** How to enable a module on this layout: a2enmod on Debian, a LoadModule line elsewhere. */
export function enableModule(model: ApacheModel, module: string): { snippet: string; commands: string[] } {
  const name = module.replace(/_module$/, '');
  return model.config.layout === 'debian'
    ? { snippet: '', commands: [sh`a2enmod ${name}`, ...apacheCommands(model)] }
    : { snippet: `LoadModule ${module} modules/mod_${name}.so`, commands: apacheCommands(model) };
}

/**
 * Every directive of a stock module that no LoadModule loads, outside the auth directives
 * (which get their own messages below): `RewriteEngine` without mod_rewrite, `<Macro>` without
 * mod_macro. Only what Apache reads — not the inside of a false <IfModule>.
 */
export function reportOtherModules(model: ApacheModel, report: (placed: ApachePlaced, module: string) => void): void {
  const visit = (items: readonly ApachePlaced[]): void => {
    for (const placed of items) {
      if (placed.inactive) continue;
      if (placed.included) visit(placed.included);
      const name = placed.directive.section ? `<${placed.directive.name}` : placed.directive.name;
      const module = NEEDS.some(([re]) => re.test(placed.directive.name)) ? undefined : apacheDirectiveModule(name);
      // Modules some builds compile in: whether their LoadModule is missing cannot be told from the config.
      if (module && !DEBIAN_BUILT_IN_MODULES.has(module) && !model.hasModule(module)) {
        report(placed, module);
        // Apache stops at the first Invalid command; the contents of an unknown section are never read.
        continue;
      }
      if (placed.children) visit(placed.children);
    }
  };
  visit(model.config.items);
}
