import type { Placed } from '../../../nginx/config-tree';
import type { Scope } from '../../../nginx/scopes';

/**
 * The proxy_set_header lines a proxied request from this scope is built with: a level's own,
 * or — only when it sets none — its parent's (nginx's array inheritance: one proxy_set_header in a
 * location drops every one of the server's).
 */
export function proxyHeadersInForce(scope: Scope): { readonly headers: readonly Placed[]; readonly from: Scope | undefined } {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const headers = level.directives.filter((d) => d.directive.name === 'proxy_set_header');
    if (headers.length > 0) return { headers, from: level };
  }
  return { headers: [], from: undefined };
}

/** The proxy_set_header in force for one header (case-insensitive), if any. */
export function proxyHeaderSet(scope: Scope, name: string): Placed | undefined {
  return proxyHeadersInForce(scope).headers.find((d) => d.directive.args[0]?.value.toLowerCase() === name.toLowerCase());
}
