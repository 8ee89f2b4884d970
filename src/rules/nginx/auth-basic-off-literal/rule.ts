import { walkScopes } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/**
 * N03: nginx compares the evaluated realm with the three bytes "off", quoted or not. A quoted
 * "off" reads like a realm name but turns auth off; a realm variable set to off does the same.
 */
export const authBasicOffLiteral: Rule = {
  meta: {
    id: 'nginx/auth-basic-off-literal',
    severity: 'error',
    description: 'auth_basic "off" (quoted) or a realm variable that can be "off": auth is switched off, not named.',
  },
  check(context) {
    for (const model of context.nginx) {
      const offVariables = variablesSetToOff(model.config.items);
      for (const scope of walkScopes(model.scopes)) {
        for (const placed of scope.directives) {
          if (placed.directive.name !== 'auth_basic') continue;
          const arg = placed.directive.args[0];
          if (!arg) continue;
          let why: string | undefined;
          if (arg.value === 'off' && arg.quote) why = `the realm ${arg.raw} is quoted, but nginx compares the value with "off" all the same`;
          else if (/^\$\w+$/.test(arg.value) && offVariables.has(arg.value.slice(1))) {
            why = `the realm variable ${arg.value} is set to "off" (${offVariables.get(arg.value.slice(1))}), and a realm that evaluates to "off" switches auth off`;
          }
          if (!why) continue;
          context.report({
            file: placed.file,
            range: arg.range,
            chain: placed.chain,
            message: `${why}: requests here are served without a password (200, nothing logged)`,
            fix: { snippet: 'auth_basic "Restricted area";', commands: [...NGINX_TEST_AND_RELOAD] },
          });
        }
      }
    }
  },
};

/** Variables that `set $x off;` or a `map … $x { … off; }` can make "off", with where. */
function variablesSetToOff(items: readonly import('../../../nginx/config-tree').Placed[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (list: readonly import('../../../nginx/config-tree').Placed[]): void => {
    for (const item of list) {
      const d = item.directive;
      const where = `${item.file.serverPath}:${d.range.start.line}`;
      if (d.name === 'set' && d.args.length === 2 && d.args[1].value === 'off') found.set(d.args[0].value.replace(/^\$/, ''), `set at ${where}`);
      // A map that turns auth off for chosen keys is a deliberate exemption; one whose default is
      // "off" leaves every other request unprotected.
      if (d.name === 'map' && d.args.length === 2 && d.block) {
        const fallback = d.block.find((n) => n.type === 'directive' && n.name === 'default' && n.args[0]?.value === 'off');
        if (fallback) found.set(d.args[1].value.replace(/^\$/, ''), `the map default at ${where}`);
      }
      if (item.children) visit(item.children);
      if (item.included) visit(item.included);
    }
  };
  visit(items);
  return found;
}
