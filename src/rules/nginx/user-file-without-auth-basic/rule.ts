import { walkScopes } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';
import { explicitlyOff } from '../helpers';
import { inBlock } from '../fix-snippets';

/** N02: the user file is set, but no realm is in effect where it applies: no password is asked. */
export const userFileWithoutAuthBasic: Rule = {
  meta: {
    id: 'nginx/user-file-without-auth-basic',
    severity: 'error',
    description: 'auth_basic_user_file is set but auth_basic is not in effect anywhere it applies: nothing asks for a password.',
  },
  check(context) {
    for (const model of context.nginx) {
      const used = model.userFilesInUse();
      const reached = new Map<string, { off: boolean; scopes: number }>();
      for (const scope of model.servingScopes()) {
        const auth = model.effectiveAuth(scope);
        if (!auth.userFile || used.has(auth.userFile.placed)) continue;
        const key = `${auth.userFile.placed.file.diskPath}:${auth.userFile.placed.directive.range.start.offset}`;
        const entry = reached.get(key) ?? { off: false, scopes: 0 };
        entry.scopes++;
        entry.off ||= explicitlyOff(model, scope);
        reached.set(key, entry);
      }
      for (const scope of walkScopes(model.scopes)) {
        for (const placed of scope.directives) {
          if (placed.directive.name !== 'auth_basic_user_file' || used.has(placed)) continue;
          const entry = reached.get(`${placed.file.diskPath}:${placed.directive.range.start.offset}`);
          // Switched off on purpose (auth_basic off) is a choice; never reaching a request is not a risk either.
          if (!entry || entry.off) continue;
          context.report({
            file: placed.file,
            range: placed.directive.range,
            chain: placed.chain,
            message:
              `auth_basic_user_file ${placed.directive.args[0]?.raw ?? ''} is set, but no auth_basic is in effect where it applies (auth_basic defaults to off): ` +
              'nginx serves these requests without asking for a password (200, nothing logged)',
            fix: { snippet: inBlock(scope, ['auth_basic "Restricted";', `auth_basic_user_file ${placed.directive.args[0]?.raw ?? ''};`]), commands: [...NGINX_TEST_AND_RELOAD] },
          });
        }
      }
    }
  },
};
