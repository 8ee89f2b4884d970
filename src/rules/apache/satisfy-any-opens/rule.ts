import { describeApacheScope } from '../../../apache/scopes';
import type { ApachePlaced } from '../../../apache/config-tree';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

const USER_REQUIRE = /^(valid-user|user|group)$/i;

/**
 * Satisfy Any where no Allow/Deny is in force. mod_access_compat's host check then passes every
 * client (Order Deny,Allow, its default, allows what no Deny refuses), and Satisfy Any lets
 * that pass stand for the whole access check: the Require valid-user in force is never asked.
 * httpd 2.4 does this for the section and everything below it, as a child section's
 * `Satisfy Any` does for an area its parent protects (checked against a real apache2).
 */
export const satisfyAnyOpens: Rule = {
  meta: {
    id: 'apache/satisfy-any-opens',
    severity: 'error',
    description: 'Satisfy Any with no Allow/Deny in force: mod_access_compat lets every client pass, so the password that is asked for above or beside it is never asked (200).',
  },
  check(context) {
    for (const model of context.apache) {
      if (model.modulesKnown && !model.hasModule('access_compat_module')) continue;
      for (const scope of model.scopes()) {
        const satisfy = scope.directives.filter((d) => /^satisfy$/i.test(d.directive.name)).pop();
        if (!satisfy || satisfy.args[0]?.toLowerCase() !== 'any') continue;
        const merged = model.effectiveAuth(scope);
        if (!merged.satisfyAny) continue;
        const asked = merged.requires.find((r: ApachePlaced) => /^require$/i.test(r.directive.name) && USER_REQUIRE.test(r.args[0] ?? ''));
        if (!asked) continue;
        // Any Allow or Deny in force makes it a "these addresses or a password" setup (another rule's
        // concern); an Order allow,deny with no Allow refuses every client, so the password stays.
        if (merged.compat.some((d) => /^(allow|deny)$/i.test(d.directive.name))) continue;
        const order = merged.compat.filter((d) => /^order$/i.test(d.directive.name)).pop();
        if (order && /^allow\s*,\s*deny$/i.test(order.args.join(''))) continue;
        const where = describeApacheScope(scope);
        context.report({
          file: satisfy.file,
          range: satisfy.directive.range,
          chain: satisfy.chain,
          message: `Satisfy Any in ${where} with no Allow/Deny in force: mod_access_compat's host check passes every client (Order Deny,Allow refuses only what a Deny names), and Satisfy Any lets that pass alone — "Require ${asked.args.join(' ')}" (${asked.file.serverPath}:${asked.directive.range.start.line}) is never asked, and ${where} is served without a password (200)`,
          related: [{ file: asked.file, range: asked.directive.range, message: 'the password requirement Satisfy Any bypasses' }],
          fix: {
            snippet: '# Remove "Satisfy Any". For "these addresses, or a password" in 2.4 syntax:\n<RequireAny>\n    Require ip 192.0.2.0/24\n    Require valid-user\n</RequireAny>',
            commands: apacheCommands(model),
          },
        });
      }
    }
  },
};
