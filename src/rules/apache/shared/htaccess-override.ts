

/** Directives of the AuthConfig override class (what AllowOverride must permit in .htaccess). */
export const AUTHCONFIG = /^(auth(type|name|userfile|groupfile|basicprovider|basicauthoritative|basicfake|basicusedigestalgorithm|merging|digest\w*|dbm\w*|ldap\w*|formprovider)|require|requireall|requireany|requirenone|authzsendforbiddenonfailure)$/i;
export const LIMIT = /^(order|allow|deny|satisfy|limit|limitexcept)$/i;

export function authDirectives(scope: import('../../../apache/scopes').ApacheScope) {
  return scope.directives.filter((d) => AUTHCONFIG.test(d.directive.name) || LIMIT.test(d.directive.name));
}
