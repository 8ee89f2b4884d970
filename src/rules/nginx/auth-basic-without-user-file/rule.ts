import type { Placed } from '../../../nginx/config-tree';
import { describeScope, type Scope } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { inBlock, SUGGESTED_USER_FILE } from '../fix-snippets';

const MAX_LISTED = 5;

/**
 * nginx skips Basic auth when either merged setting is missing (ngx_http_auth_basic_handler:
 * realm == NULL || user_file == NULL → NGX_DECLINED). Both inherit independently, so the
 * check is made per serving scope, and reported once at the auth_basic that is in effect.
 */
export const authBasicWithoutUserFile: Rule = {
  meta: {
    id: 'nginx/auth-basic-without-user-file',
    severity: 'error',
    description: 'auth_basic is in effect where no auth_basic_user_file is: nginx serves the content without asking for a password.',
  },
  check(context) {
    for (const model of context.nginx) {
      const exposed = new Map<Placed, { realmScope: Scope; scopes: Scope[] }>();
      for (const scope of model.servingScopes()) {
        const auth = model.effectiveAuth(scope);
        if (!auth.realm || !auth.realmOn || auth.userFile) continue;
        const entry = exposed.get(auth.realm.placed) ?? { realmScope: auth.realm.scope, scopes: [] };
        entry.scopes.push(scope);
        exposed.set(auth.realm.placed, entry);
      }
      for (const [realm, { realmScope, scopes }] of exposed) {
        const names = scopes.slice(0, MAX_LISTED).map(describeScope);
        const more = scopes.length > MAX_LISTED ? ` and ${scopes.length - MAX_LISTED} more` : '';
        const realmRaw = realm.directive.args[0]?.raw ?? '""';
        context.report({
          file: realm.file,
          range: realm.directive.range,
          chain: realm.chain,
          message:
            `auth_basic ${realmRaw} is in effect but no auth_basic_user_file applies to ${names.join(', ')}${more}: ` +
            'nginx skips the password check there and serves every request without credentials (200, no WWW-Authenticate, nothing logged)',
          related: scopes.filter((scope) => scope.block).slice(0, MAX_LISTED).map((scope) => ({
            file: scope.block!.file,
            range: scope.block!.directive.nameWord.range,
            message: `${describeScope(scope)} is served without a password`,
          })),
          fix: {
            snippet: inBlock(realmScope, [`auth_basic ${realmRaw};`, `auth_basic_user_file ${model.existingUserFile() ?? SUGGESTED_USER_FILE};`]),
            commands: [...NGINX_TEST_AND_RELOAD],
          },
        });
      }
    }
  },
};
