import { own, type ApacheScope } from '../../../apache/scopes';

export function chainUp(scope: ApacheScope): ApacheScope[] {
  const up: ApacheScope[] = [];
  for (let level: ApacheScope | undefined = scope; level; level = level.parent) up.unshift(level);
  return up;
}

export function lastOf(scopes: readonly ApacheScope[], name: string) {
  let found;
  for (const scope of scopes) found = own(scope, name).pop() ?? found;
  return found;
}
