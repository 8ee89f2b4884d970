import type { Placed } from '../config-tree';
import type { Scope } from '../scopes';
import { effectiveDirective } from '../scopes';
import { cidrContains } from '../../http/ip-ranges';

/** allow/deny rules in force for a scope: the nearest level that has any (ngx_http_access merges them as a whole). */
export function accessRules(scope: Scope): Placed[] {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const rules = level.directives.filter((d) => d.directive.name === 'allow' || d.directive.name === 'deny');
    if (rules.length > 0) return rules;
  }
  return [];
}

export function satisfyOf(scope: Scope): { value: 'all' | 'any'; placed?: Placed } {
  const found = effectiveDirective(scope, 'satisfy');
  return { value: found?.placed.directive.args[0]?.value === 'any' ? 'any' : 'all', placed: found?.placed };
}

/** Does an allow/deny operand (`all`, an address or a CIDR) cover this client address? undefined when unknown. */
export function ruleMatches(operand: string, client: string | undefined): boolean | undefined {
  if (operand === 'all') return true;
  if (operand.startsWith('unix:')) return false;
  if (client === undefined) return undefined;
  return cidrContains(operand, client);
}

export { broadness } from '../../http/ip-ranges';
