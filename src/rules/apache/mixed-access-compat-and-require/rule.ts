import type { ApachePlaced } from '../../../apache/config-tree';
import { conditionsOf, describeApacheScope } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { isRequire } from '../shared/structure';

type HostRule = { lines: string[]; kind: 'granted' | 'denied' | 'some' };

/** `Allow from a b` / `Deny from a b` operands as authz_host Require lines (ip or host). */
function hostLines(rules: readonly ApachePlaced[], negate: boolean): string[] {
  return rules.flatMap((d) => d.args.slice(1)).map((host) => `Require ${negate ? 'not ' : ''}${/^[\d.:/a-f]+$/i.test(host) ? 'ip' : 'host'} ${host}`);
}

/**
 * What Order/Allow/Deny grant, in mod_authz_host terms. Deny,Allow (the default): allowed unless
 * denied, an Allow overriding a Deny. Allow,Deny: denied unless allowed, a Deny overriding.
 * Undefined for what has no faithful translation (env= conditions, a Deny list under Deny,Allow
 * with exceptions).
 */
function hostRule(compat: readonly ApachePlaced[]): HostRule | undefined {
  const of = (name: string) => compat.filter((d) => d.directive.name.toLowerCase() === name && d.args[0]?.toLowerCase() === 'from');
  const allows = of('allow');
  const denies = of('deny');
  if ([...allows, ...denies].some((d) => d.args.slice(1).some((a) => /^env=/i.test(a)))) return undefined;
  const all = (rules: ApachePlaced[]) => rules.some((d) => d.args.slice(1).some((a) => a.toLowerCase() === 'all'));
  const order = compat.filter((d) => /^order$/i.test(d.directive.name)).pop()?.args.join('').toLowerCase() ?? 'deny,allow';
  if (order.startsWith('allow')) {
    if (allows.length === 0 || all(denies)) return { lines: ['Require all denied'], kind: 'denied' };
    if (all(allows)) return denies.length === 0 ? { lines: [], kind: 'granted' } : { lines: ['Require all granted', ...hostLines(denies, true)], kind: 'some' };
    return { lines: [...hostLines(allows, false), ...hostLines(denies, true)], kind: 'some' };
  }
  if (denies.length === 0 || all(allows)) return { lines: [], kind: 'granted' };
  if (all(denies)) return allows.length === 0 ? { lines: ['Require all denied'], kind: 'denied' } : { lines: hostLines(allows, false), kind: 'some' };
  return allows.length === 0 ? { lines: ['Require all granted', ...hostLines(denies, true)], kind: 'some' } : undefined;
}

/**
 * The same access in Require syntax (mod_access_compat removed): the host rule and the Require
 * lines combined as Satisfy combined them — never more open than the configuration is today.
 */
export function requireEquivalent(compat: readonly ApachePlaced[], requires: readonly ApachePlaced[], satisfyAny: boolean): string {
  const host = hostRule(compat);
  const users = requires.map((r) => `Require ${r.args.join(' ')}`);
  const header = '# in place of the Order/Allow/Deny/Satisfy and Require lines: the same access without mod_access_compat';
  if (!host) return `${header}\n<RequireAll>\n${users.map((u) => `    ${u}`).join('\n')}\n    Require ip 192.0.2.0/24\n</RequireAll>`;
  const block = (name: string, lines: string[]) => [`<${name}>`, ...lines.map((l) => `    ${l}`), `</${name}>`].join('\n');
  const hostBlock = host.lines.length > 1 && host.kind === 'some' && host.lines.some((l) => l.startsWith('Require not')) ? [block('RequireAll', host.lines)] : host.lines.length > 1 ? [block('RequireAny', host.lines)] : host.lines;
  if (satisfyAny) {
    if (host.kind === 'granted') return `${header}\nRequire all granted`;
    if (host.kind === 'denied') return `${header}\n${users.join('\n')}`;
    return `${header}\n${block('RequireAny', [...hostBlock.flatMap((l) => l.split('\n')), ...users])}`;
  }
  if (host.kind === 'denied') return `${header}\n# (today nobody gets in: 403; if the password alone was meant, write ${users.join(' / ') || 'Require valid-user'} instead)\nRequire all denied`;
  if (host.kind === 'granted') return `${header}\n${users.join('\n')}`;
  return `${header}\n${block('RequireAll', [...hostBlock.flatMap((l) => l.split('\n')), ...users])}`;
}

/** A19: 2.2-style Order/Allow/Deny/Satisfy mixed with Require. */
export const mixedAccessCompatAndRequire: Rule = {
  meta: {
    id: 'apache/mixed-access-compat-and-require',
    severity: 'warning',
    description: 'Order/Allow/Deny/Satisfy (mod_access_compat) next to Require: Satisfy Any lets allowed addresses skip the password (error); otherwise the mix is hard to predict.',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        // The portable pattern — Require under <IfModule mod_authz_core.c>, Order/Deny under
        // <IfModule !mod_authz_core.c> — never has both in force: not a mix.
        const fallback = (d: ApachePlaced) => conditionsOf(d).some((c) => /^!(mod_authz_core\.c|authz_core_module)$/i.test(c));
        const compat = scope.directives.filter((d) => /^(order|allow|deny|satisfy)$/i.test(d.directive.name) && !fallback(d));
        if (compat.length === 0 || !scope.directives.some(isRequire)) continue;
        const satisfyAny = compat.find((d) => /^satisfy$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'any');
        // Satisfy alone, with no Order/Allow/Deny: apache/satisfy-any-opens says what it does.
        if (compat.every((d) => /^satisfy$/i.test(d.directive.name))) continue;
        // "Order allow,deny / Allow from all" with no Deny and no Satisfy Any grants every client
        // in the access phase: Require alone decides, as the 2.2-era samples mean it.
        const grantsAll =
          !satisfyAny &&
          !compat.some((d) => /^deny$/i.test(d.directive.name)) &&
          compat.some((d) => /^allow$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'from' && d.args[1]?.toLowerCase() === 'all') &&
          compat.filter((d) => /^order$/i.test(d.directive.name)).every((d) => /^allow,\s*deny$/i.test(d.args.join('')) || /^deny,\s*allow$/i.test(d.args.join('')));
        if (grantsAll) continue;
        const first = satisfyAny ?? compat[0];
        context.report({
          file: first.file,
          range: first.directive.range,
          chain: first.chain,
          ...(satisfyAny && compat.some((d) => /^allow$/i.test(d.directive.name)) ? { severity: 'error' as const } : {}),
          message: satisfyAny
            ? `Satisfy Any with Allow rules in ${describeApacheScope(scope)}: clients the Allow rules match get in without a password (200)`
            : `${describeApacheScope(scope)} mixes mod_access_compat (${compat.map((d) => d.directive.name).join(', ')}) with Require: Apache evaluates both, and a Deny (or an Order without Allow) answers 403 (AH01797) even with the right password`,
          fix: { snippet: requireEquivalent(compat, scope.directives.filter(isRequire), !!satisfyAny), commands: apacheCommands(model) },
        });
      }
    }
  },
};
