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

/** How many addresses an allow operand admits, as a broadness measure: all, /0, private ranges, loopback. */
export function broadness(operand: string): 'everyone' | 'private-range' | 'loopback' | 'narrow' {
  if (operand === 'all' || operand === '0.0.0.0/0' || operand === '::/0' || operand === '::0/0') return 'everyone';
  const [base, bitsText] = operand.split('/');
  const bits = bitsText === undefined ? (base.includes(':') ? 128 : 32) : Number(bitsText);
  if (base.startsWith('127.') || base === '::1') return 'loopback';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(base) || /^f[cd]/i.test(base)) return bits < 32 ? 'private-range' : 'narrow';
  if (bits <= (base.includes(':') ? 16 : 8)) return 'everyone';
  return 'narrow';
}
