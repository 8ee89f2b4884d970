import { own, type ApacheScope } from '../../../apache/scopes';

export function lastOf(scopes: readonly ApacheScope[], name: string) {
  let found;
  for (const scope of scopes) found = own(scope, name).pop() ?? found;
  return found;
}
