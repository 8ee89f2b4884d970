import { directiveSpec } from '../../../parsers/nginx/directive-table';
import type { NginxConfig } from '../../../nginx/config-tree';
import { CONTEXT_NAME, walkWithContext } from '../../../nginx/directive-contexts';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { NOT_IN_IF } from '../auth-in-if/rule';

/**
 * Only a configuration nginx would start from: a main file with an events or http block. A
 * file that is merely called nginx.conf and holds server blocks is a fragment kept under that
 * name (a container image's conf.d file); its context is the includer's, which is unknown.
 */
function isCompleteMain(config: NginxConfig): boolean {
  return config.context === 'main' && config.items.some((item) => item.children && (item.directive.name === 'events' || item.directive.name === 'http'));
}

/** A stock directive placed where nginx does not accept it: nginx -t fails with "is not allowed here". */
export const directiveContext: Rule = {
  meta: {
    id: 'nginx/directive-context',
    severity: 'error',
    description: 'A stock directive in a block where nginx does not accept it (proxy_pass in server, server outside http…): nginx -t fails with "directive is not allowed here".',
  },
  check(context) {
    for (const model of context.nginx) {
      if (!isCompleteMain(model.config)) continue;
      walkWithContext(model.config, (placed, where) => {
        const d = placed.directive;
        const spec = directiveSpec(d.name);
        // Unknown names (third-party modules) and the table's variable entries have no contexts.
        if (!spec || spec.contexts.length === 0 || spec.contexts.includes('any') || spec.contexts.includes(where)) return true;
        // nginx/auth-in-if reports these inside if, with a fix of its own.
        if (NOT_IN_IF.has(d.name) && /_[sl]if$/.test(where)) return true;
        context.report({
          file: placed.file,
          range: d.nameWord.range,
          chain: placed.chain,
          message: `"${d.name}" is not allowed in ${CONTEXT_NAME[where] ?? where}: nginx -t fails with [emerg] "${d.name}" directive is not allowed here in ${placed.file.serverPath}:${d.range.start.line}. It belongs in ${spec.contexts.filter((c) => c !== 'direct').map((c) => CONTEXT_NAME[c] ?? c).join(', ')}.`,
          fix: { snippet: '', commands: [...NGINX_TEST_AND_RELOAD] },
        });
        // A misplaced block's contents would be read in a context that does not exist.
        return false;
      });
    }
  },
};
