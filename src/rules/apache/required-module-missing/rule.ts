import type { Rule } from '../../../engine/rule';
import { AUTH_TYPE_MODULES, AUTHN_PROVIDERS, AUTHZ_PROVIDERS } from '../../../apache/providers';
import { NEEDS, enableModule, reportOtherModules } from '../shared/modules';

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
          if (d.directive.name.toLowerCase() === 'authtype') {
            const type = d.args[0] ?? '';
            const module = AUTH_TYPE_MODULES[type.toLowerCase()];
            need = module ? [/^authtype$/i, module, `AuthType ${type} configured without corresponding module (AH01796): every request to the area gets 500`] : undefined;
          }
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
