import { AUTHN_PROVIDERS, AUTHZ_PROVIDERS } from '../../../apache/providers';
import { oneEditAway, swapsTwoLetters } from '../../../core/typos';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';

/**
 * A provider name no stock module registers — AuthBasicProvider fiel, Require vaild-user: httpd
 * -t fails ("Unknown Authn provider" / "Unknown Authz provider") and a reload keeps the old
 * configuration. Names one edit from a stock provider get it as the fix. Third-party modules
 * register providers of their own (Require shib-session, AuthBasicProvider PAM…): a name with no
 * near stock provider is left alone, since authlint cannot tell it from such a module's.
 */
export const apacheUnknownProvider: Rule = {
  meta: {
    id: 'apache/unknown-provider',
    severity: 'error',
    description: 'AuthBasicProvider/AuthDigestProvider or Require names a provider one typo from a stock one (fiel, vaild-user): httpd -t fails with "Unknown Authn/Authz provider".',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        for (const placed of scope.directives) {
          const name = placed.directive.name.toLowerCase();
          const isAuthn = name === 'authbasicprovider' || name === 'authdigestprovider';
          if (!isAuthn && name !== 'require') continue;
          const table = isAuthn ? AUTHN_PROVIDERS : AUTHZ_PROVIDERS;
          const words = isAuthn ? placed.directive.args : placed.directive.args.slice(0, placed.directive.args[0]?.value.toLowerCase() === 'not' ? 2 : 1).slice(-1);
          for (const word of words) {
            const value = word.value.toLowerCase();
            if (value in table) continue;
            // A small closed set: a swap of two letters counts as one typo too.
            const near = oneEditAway(value, Object.keys(table))[0] ?? Object.keys(table).find((stock) => swapsTwoLetters(value, stock));
            if (!near) continue;
            context.report({
              file: placed.file,
              range: word.range,
              chain: placed.chain,
              message: `"${word.value}" is no ${isAuthn ? 'authentication' : 'authorization'} provider (did you mean "${near}"?): apachectl configtest fails with "Unknown ${isAuthn ? 'Authn' : 'Authz'} provider: ${word.value}", and a reload keeps the old configuration`,
              fix: { snippet: `${placed.directive.name} ${placed.directive.args.map((a) => (a === word ? near : a.raw)).join(' ')}`, commands: apacheCommands(model) },
            });
          }
        }
      }
    }
  },
};
