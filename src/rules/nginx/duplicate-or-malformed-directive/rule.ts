import { directiveSpec } from '../../../parsers/nginx/directive-table';
import { walkScopes } from '../../../nginx/scopes';
import { NGINX_TEST_AND_RELOAD, type Rule } from '../../../engine/rule';

/** Directives whose handlers refuse a second occurrence at the same level ("is duplicate"). */
const SINGLE = new Set(['auth_basic', 'auth_basic_user_file', 'satisfy', 'auth_request', 'root', 'alias', 'auth_delay']);

/** N10: duplicate auth directives, and any stock directive with the wrong number of arguments. */
export const duplicateOrMalformedDirective: Rule = {
  meta: {
    id: 'nginx/duplicate-or-malformed-directive',
    severity: 'error',
    description: 'A directive given twice at one level, or with the wrong number of arguments (an unquoted realm with a space): nginx -t fails.',
  },
  check(context) {
    for (const model of context.nginx) {
      for (const scope of walkScopes(model.scopes)) {
        const seen = new Map<string, (typeof scope.directives)[number]>();
        for (const placed of scope.directives) {
          const d = placed.directive;
          if (d.incomplete) continue;
          const spec = directiveSpec(d.name);
          if (spec && (d.args.length < spec.minArgs || d.args.length > spec.maxArgs)) {
            const hint = d.name === 'auth_basic' && d.args.length > 1 ? `; quote a realm with spaces: auth_basic "${d.args.map((a) => a.value).join(' ')}";` : '';
            context.report({
              file: placed.file,
              range: d.range,
              chain: placed.chain,
              message: `"${d.name}" takes ${spec.minArgs === spec.maxArgs ? spec.minArgs : `${spec.minArgs} to ${spec.maxArgs === Infinity ? 'any number of' : spec.maxArgs}`} argument${spec.maxArgs === 1 ? '' : 's'}, not ${d.args.length}: nginx -t fails with [emerg] invalid number of arguments in "${d.name}" directive${hint}`,
              ...(hint ? { fix: { snippet: `auth_basic "${d.args.map((a) => a.value).join(' ')}";`, commands: [...NGINX_TEST_AND_RELOAD] } } : {}),
            });
            continue;
          }
          if (!SINGLE.has(d.name)) continue;
          const first = seen.get(d.name);
          if (!first) {
            seen.set(d.name, placed);
            continue;
          }
          context.report({
            file: placed.file,
            range: d.range,
            chain: placed.chain,
            message: `"${d.name}" is already set at this level (${first.file.serverPath}:${first.directive.range.start.line}): nginx -t fails with [emerg] "${d.name}" directive is duplicate`,
            related: [{ file: first.file, range: first.directive.range, message: 'the first one' }],
          });
        }
      }
    }
  },
};
