import * as path from 'node:path';
import type { ApachePlaced } from '../../../apache/config-tree';
import type { ApacheModel } from '../../../apache/model';
import { isAtOrBelow, own, walkApacheScopes, type ApacheScope } from '../../../apache/scopes';

const USER_REQUIRE = /^(valid-user|user|group)$/i;
/** Methods that only read: leaving them open while writes need a password is a choice, not a hole. */
export const READ_ONLY_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT', 'TRACE']);
export const isRequire = (d: ApachePlaced) => /^require$/i.test(d.directive.name);
export const userRequires = (scope: ApacheScope) => scope.directives.filter((d) => isRequire(d) && USER_REQUIRE.test(d.args[0] ?? ''));
export const nonUserRequires = (scope: ApacheScope) => scope.directives.filter((d) => isRequire(d) && !USER_REQUIRE.test(d.args[0] ?? '') && d.args[0]?.toLowerCase() !== 'not');
export const header = (scope: ApacheScope) => scope.section!.directive.nameRange;
export const mergesAnd = (scope: ApacheScope) => own(scope, 'AuthMerging').some((d) => /^(and|or)$/i.test(d.args[0] ?? ''));

export const protectedDirectories = (model: ApacheModel) =>
  [...walkApacheScopes(model.root), ...model.htaccess].filter((s) => (s.kind === 'directory' || s.kind === 'htaccess') && s.path && !/[*?[~]/.test(s.path) && userRequires(s).length > 0);
