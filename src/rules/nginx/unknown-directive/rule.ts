import { oneEditAway } from '../../../core/typos';
import { directiveSpec, stockDirectiveNames } from '../../../parsers/nginx/directive-table';
import { walkWithContext } from '../../../nginx/directive-contexts';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/**
 * The stock directive a name is one typo away from, preferring one allowed where it stands.
 * Only one edit: third-party modules add many directives authlint does not know, and a name
 * that is merely similar to a stock one (more_set_headers) must not be called a typo.
 */
function typoOf(name: string, where: string): string | undefined {
  if (name.length < 4) return undefined;
  const near = oneEditAway(name, stockDirectiveNames());
  return near.find((stock) => directiveSpec(stock)?.contexts.includes(where)) ?? near[0];
}

/** A directive name one typo away from a stock directive: nginx -t fails with "unknown directive". */
export const unknownDirective: Rule = {
  meta: {
    id: 'nginx/unknown-directive',
    severity: 'error',
    description: 'A directive name one typo away from a stock nginx directive (proxy_passs, auth_basic_userfile): nginx -t fails with "unknown directive".',
  },
  check(context) {
    for (const model of context.nginx) {
      walkWithContext(model.config, (placed, where) => {
        const d = placed.directive;
        if (d.incomplete || (directiveSpec(d.name)?.contexts.length ?? 0) > 0) return true;
        const stock = typoOf(d.name, where);
        if (!stock) return true;
        context.report({
          file: placed.file,
          range: d.nameWord.range,
          chain: placed.chain,
          message: `Unknown directive "${d.name}" — did you mean "${stock}"? nginx -t fails with [emerg] unknown directive "${d.name}" in ${placed.file.serverPath}:${d.range.start.line}, and a reload keeps the old configuration.`,
          fix: { snippet: `${stock}${d.args.map((a) => ` ${a.raw}`).join('')}${d.block ? ' { … }' : ';'}`, commands: [...NGINX_TEST_AND_RELOAD] },
        });
        return false;
      });
    }
  },
};
