import { describeApacheScope } from '../../apache/scopes';
import type { Rule } from '../../engine/rule';
import type { ApachePlaced } from '../../apache/config-tree';
import type { ApacheModel } from '../../apache/model';
import { DEBIAN_BUILT_IN_MODULES } from '../../apache/built-in-modules';
import { apacheDirectiveModule } from '../../parsers/apache/directive-modules';
import { apacheCommands } from './common';
import { sh } from '../../core/shell';
import { AUTHN_PROVIDERS, AUTHZ_PROVIDERS } from '../../apache/providers';

const AUTH = /^(auth(type|name|userfile|groupfile|basicprovider)|require|requireall|requireany|requirenone)$/i;

/** A12: auth inside an <IfModule> of a module that is not loaded: Apache skips it silently. */
export const authWrappedInIfmodule: Rule = {
  meta: {
    id: 'apache/auth-wrapped-in-ifmodule',
    severity: 'error',
    description: 'Auth directives inside <IfModule>, <IfDefine> or <IfVersion> whose condition is false, with no password requirement in force beside them: Apache skips them, and the area is served without a password.',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain) continue;
      for (const scope of model.scopes()) {
        // Only directives that protect: losing "Require all granted" opens nothing.
        const skipped = scope.skipped.filter((d) => AUTH.test(d.directive.name) && !(/^require$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'all' && d.args[1]?.toLowerCase() === 'granted') && !(/^authtype$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'none'));
        if (skipped.length === 0) continue;
        // The portable idiom — the same auth in both branches of <IfVersion>/<IfModule> pairs —
        // leaves the area protected by the branch that is in force: nothing opens.
        if (scope.directives.some((d) => /^require$/i.test(d.directive.name) && /^(valid-user|user|group)$/i.test(d.args[0] ?? ''))) continue;
        const by = skipped[0].inactive!.by;
        context.report({
          file: by.file,
          range: by.directive.nameRange,
          chain: by.chain,
          message: `<${by.directive.name} ${by.args.join(' ')}> is false (${skipped[0].inactive!.why}), so Apache skips the ${skipped.map((d) => d.directive.name).join(', ')} inside it without a word: ${describeApacheScope(scope)} is served without a password (200)`,
          fix: { snippet: `LoadModule … # load the module, or take the auth directives out of <${by.directive.name}>: auth should fail closed`, commands: apacheCommands(model) },
        });
      }
    }
  },
};

const NEEDS: [RegExp, string, string][] = [
  [/^authtype$/i, 'auth_basic_module', 'AuthType Basic configured without corresponding module (AH01796), 500 at run time'],
  [/^authuserfile$/i, 'authn_file_module', "Invalid command 'AuthUserFile', perhaps misspelled or defined by a module not included in the server configuration"],
  [/^authgroupfile$/i, 'authz_groupfile_module', "Invalid command 'AuthGroupFile'"],
  [/^(order|allow|deny|satisfy)$/i, 'access_compat_module', "Invalid command '…', perhaps misspelled or defined by a module not included in the server configuration"],
  [/^require$/i, 'authz_core_module', "Invalid command 'Require'"],
];


/** How to enable a module on this layout: a2enmod on Debian, a LoadModule line elsewhere. */
function enableModule(model: ApacheModel, module: string): { snippet: string; commands: string[] } {
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
function reportOtherModules(model: ApacheModel, report: (placed: ApachePlaced, module: string) => void): void {
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

/** A11: a directive whose module is not loaded. */
export const requiredModuleMissing: Rule = {
  meta: {
    id: 'apache/required-module-missing',
    severity: 'error',
    description: 'A directive whose module is not loaded (LoadModule): httpd -t fails with "Invalid command" (an auth directive may instead give 500 at run time).',
  },
  check(context) {
    for (const model of context.apache) {
      if (!model.config.isMain || !model.config.modules || model.config.modules.size === 0) continue;
      reportOtherModules(model, (placed, module) =>
        context.report({
          file: placed.file,
          range: placed.directive.nameRange,
          chain: placed.chain,
          message: `${placed.directive.section ? '<' : ''}${placed.directive.name} needs ${module}, which no LoadModule loads: apache2 -t fails with "Invalid command '${placed.directive.section ? '<' : ''}${placed.directive.name}', perhaps misspelled or defined by a module not included in the server configuration", and a reload keeps the old configuration`,
          fix: enableModule(model, module),
        }),
      );
      const reported = new Set<string>();
      for (const scope of model.scopes()) {
        for (const d of scope.directives) {
          let need: [RegExp, string, string] | undefined = NEEDS.find(([re]) => re.test(d.directive.name));
          if (d.directive.name.toLowerCase() === 'authtype' && d.args[0]?.toLowerCase() !== 'basic') need = undefined;
          if (d.directive.name.toLowerCase() === 'require') {
            const kind = (d.args[0]?.toLowerCase() === 'not' ? d.args[1] : d.args[0])?.toLowerCase() ?? '';
            const provider = AUTHZ_PROVIDERS[kind];
            if (provider && !model.hasModule(provider)) need = [/require/i, provider, `apachectl configtest fails with "Unknown Authz provider: ${kind}"`];
          }
          if (/^auth(basic|digest)provider$/i.test(d.directive.name)) {
            const missing = d.args.map((a) => a.toLowerCase()).find((name) => AUTHN_PROVIDERS[name] && !model.hasModule(AUTHN_PROVIDERS[name]));
            if (missing) need = [/provider$/i, AUTHN_PROVIDERS[missing], `apachectl configtest fails with "Unknown Authn provider: ${missing}"`];
          }
          if (!need || model.hasModule(need[1])) continue;
          const key = `${need[1]}:${d.file.diskPath}:${d.directive.range.start.offset}`;
          if (reported.has(key)) continue;
          reported.add(key);
          context.report({
            file: d.file,
            range: d.directive.range,
            chain: d.chain,
            message: `${d.directive.name} needs ${need[1]}, which no LoadModule loads: ${need[2]}`,
            fix: enableModule(model, need[1]),
          });
        }
      }
    }
  },
};
