import type { Placed } from '../../../nginx/config-tree';
import type { NginxModel } from '../../../nginx/model';
import { directivesNamed, walkScopes, type Scope } from '../../../nginx/scopes';
import { type RuleContext } from '../../../engine/rule';
import { serverOf, servingScope } from '../helpers';
import { directiveLine } from '../fix-snippets';
import { proxyHeadersInForce } from './proxy-headers';

const targetsOf = new WeakMap<NginxModel, { placed: Placed; target: Scope; uri: string }[]>();

/** Each auth_request and the location its subrequest lands in (found once per model: six rules ask). */
function authRequestTargets(model: NginxModel): { placed: Placed; target: Scope; uri: string }[] {
  const cached = targetsOf.get(model);
  if (cached) return cached;
  const out: { placed: Placed; target: Scope; uri: string }[] = [];
  for (const scope of walkScopes(model.scopes)) {
    for (const placed of directivesNamed(scope, 'auth_request')) {
      const uri = placed.directive.args[0]?.value;
      const server = serverOf(scope);
      if (!uri || uri === 'off' || !server || uri.includes('$')) continue;
      out.push({ placed, target: servingScope(server, uri.split('?')[0]), uri });
    }
  }
  targetsOf.set(model, out);
  return out;
}

export function each(context: RuleContext, visit: (model: NginxModel, item: { placed: Placed; target: Scope; uri: string }) => void): void {
  const seen = new Set<Scope>();
  for (const model of context.nginx) {
    for (const item of authRequestTargets(model)) {
      if (seen.has(item.target)) continue;
      seen.add(item.target);
      visit(model, item);
    }
  }
}

/** An auth_request target location that proxies the subrequest, with the proxy_set_header lines it is sent with. */
export interface ProxiedTarget {
  readonly placed: Placed;
  readonly target: Scope;
  readonly uri: string;
  readonly pass: Placed;
  readonly headers: readonly Placed[];
  /** The headers it inherits, as lines: a proxy_set_header added there replaces them all, so a fix repeats them. */
  readonly inheritedLines: readonly string[];
}

/** Each auth_request target that is a location proxying the subrequest (proxy_pass). */
export function eachProxiedTarget(context: RuleContext, visit: (item: ProxiedTarget) => void): void {
  each(context, (_model, { placed, target, uri }) => {
    if (target.kind !== 'location' || !target.block) return;
    const pass = target.directives.find((d) => d.directive.name === 'proxy_pass');
    if (!pass) return;
    const inForce = proxyHeadersInForce(target);
    const inheritedLines = inForce.from !== target ? inForce.headers.map((d) => directiveLine(d.directive)) : [];
    visit({ placed, target, uri, pass, headers: inForce.headers, inheritedLines });
  });
}
