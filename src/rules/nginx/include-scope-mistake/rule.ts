import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** N28: auth set in http {} (often through an included snippet) applies to every virtual host. */
export const includeScopeMistake: Rule = {
  meta: {
    id: 'nginx/include-scope-mistake',
    severity: 'info',
    description: 'auth_basic set in the http block (often by an include): every server inherits it, including ones meant to be public.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of model.scopes) {
        if (scope.kind !== 'http' || !scope.block) continue;
        const realm = scope.directives.find((d) => d.directive.name === 'auth_basic' && d.directive.args[0]?.value !== 'off');
        if (!realm) continue;
        const servers = scope.children.filter((child) => child.kind === 'server').length;
        context.report({
          file: realm.file,
          range: realm.directive.range,
          chain: realm.chain,
          message: `auth_basic is set in the http block${realm.chain.length > 0 ? ` (through ${realm.file.serverPath}, included there)` : ''}: all ${servers} server${servers === 1 ? '' : 's'} inherit it, including any meant to be public; set it in the servers or locations that need it`,
          fix: { snippet: 'server {\n    server_name admin.example.com;\n    include snippets/auth.conf;   # where it is meant\n}', commands: [...NGINX_TEST_AND_RELOAD] },
        });
      }
    }
  },
};
