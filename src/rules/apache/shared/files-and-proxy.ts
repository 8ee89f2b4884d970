import * as path from 'node:path';
import type { ApacheModel } from '../../../apache/model';
import { walkApacheScopes, type ApacheScope } from '../../../apache/scopes';
import { compilePcre } from '../../../http/pcre';

/** Does some <Files>/<FilesMatch> with Require all denied refuse this file name? */
export function refusedByFiles(model: ApacheModel, base: string): boolean {
  for (const scope of walkApacheScopes(model.root)) {
    if (scope.kind !== 'files' && scope.kind !== 'filesmatch') continue;
    if (!scope.directives.some((d) => /^require$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'all' && d.args[1]?.toLowerCase() === 'denied')) continue;
    const pattern = scope.path ?? '';
    const regex = scope.kind === 'filesmatch' || scope.section?.args[0] === '~' ? compilePcre(pattern, false) : new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    if (regex?.test(base)) return true;
  }
  return false;
}
