import type { NginxConfig, Placed } from './config-tree';
import { exactArray } from '../core/exact-array';

/**
 * The levels at which nginx's http modules keep configuration, and where a request's settings
 * are merged from: http → server → location → nested location → limit_except / if.
 */
export type ScopeKind = 'http' | 'server' | 'location' | 'limit_except' | 'if';

export interface Scope {
  readonly kind: ScopeKind;
  /** The block directive that opens this scope; undefined for the implied scopes of a fragment. */
  readonly block?: Placed;
  readonly parent?: Scope;
  readonly children: Scope[];
  /** Directives at this level (includes expanded), block directives excluded. */
  readonly directives: Placed[];
}

const CHILD_KIND: Record<ScopeKind | 'main', Partial<Record<string, ScopeKind>>> = {
  main: { http: 'http' },
  http: { server: 'server' },
  server: { location: 'location', if: 'if' },
  location: { location: 'location', limit_except: 'limit_except', if: 'if' },
  limit_except: {},
  if: {},
};

/**
 * Build the scope tree of the http part of a configuration. A fragment gets the scopes its
 * context implies (a site file sits in an implied `http`, a server snippet in an implied
 * `server`), so the same rules apply to it as to a full config. Blocks outside http (events,
 * stream, mail, map, upstream, types…) are not auth scopes and are skipped.
 */
export function buildScopes(config: NginxConfig): Scope[] {
  const roots: Scope[] = [];
  const make = (kind: ScopeKind, parent: Scope | undefined, block?: Placed): Scope => {
    const scope: Scope = { kind, parent, block, children: [], directives: [] };
    if (parent) parent.children.push(scope);
    else roots.push(scope);
    return scope;
  };
  const fill = (items: readonly Placed[], scope: Scope | undefined, level: ScopeKind | 'main'): void => {
    for (const item of items) {
      if (item.included) {
        fill(item.included, scope, level);
        continue;
      }
      if (item.children) {
        const kind = CHILD_KIND[level][item.directive.name];
        if (kind) fill(item.children, make(kind, scope, item), kind);
        continue;
      }
      scope?.directives.push(item);
    }
  };
  switch (config.context) {
    case 'main':
      fill(config.items, undefined, 'main');
      break;
    case 'http':
      fill(config.items, make('http', undefined), 'http');
      break;
    case 'server':
      fill(config.items, make('server', make('http', undefined)), 'server');
      break;
    case 'location':
      fill(config.items, make('location', make('server', make('http', undefined))), 'location');
      break;
  }
  compactScopes(roots);
  return roots;
}

/** Stores each scope's lists at their exact size (exactArray): the scopes live as long as the model. */
function compactScopes(scopes: Scope[]): void {
  for (const scope of scopes) {
    const mutable = scope as { children: Scope[]; directives: Placed[] };
    mutable.children = exactArray(scope.children);
    mutable.directives = exactArray(scope.directives);
    compactScopes(scope.children);
  }
}

const walked = new WeakMap<readonly Scope[], readonly Scope[]>();

/**
 * The scopes and everything inside them, in document order. Remembered per list: some twenty
 * rules walk a model's scopes, and a recursive generator cost each of them a chain of resumes
 * per scope (a tenth of a 10,000-server run).
 */
export function walkScopes(scopes: readonly Scope[]): readonly Scope[] {
  const cached = walked.get(scopes);
  if (cached) return cached;
  const out: Scope[] = [];
  const visit = (list: readonly Scope[]): void => {
    for (const scope of list) {
      out.push(scope);
      visit(scope.children);
    }
  };
  visit(scopes);
  walked.set(scopes, out);
  return out;
}

/** The first directive of this name at this level, if any. */
export function ownDirective(scope: Scope, name: string): Placed | undefined {
  return directivesNamed(scope, name)[0];
}

const NONE: readonly Placed[] = [];
const byName = new WeakMap<Scope, Map<string, Placed[]>>();

/**
 * The directives of this name at this level, in order. Indexed once per scope (scopes do not
 * change after buildScopes): rules ask per directive, and a level with 30,000 rewrites asked
 * "is auth on here?" per rewrite made a scan per question — quadratic, minutes for 400 KB.
 */
export function directivesNamed(scope: Scope, name: string): readonly Placed[] {
  let index = byName.get(scope);
  if (!index) {
    index = new Map();
    for (const placed of scope.directives) {
      const list = index.get(placed.directive.name);
      if (list) list.push(placed);
      else index.set(placed.directive.name, [placed]);
    }
    byName.set(scope, index);
  }
  return index.get(name) ?? NONE;
}

/**
 * The directive that sets `name` for requests handled in `scope`: its own, else the nearest
 * enclosing level's (nginx's ngx_conf_merge_* from http down to the location).
 */
export function effectiveDirective(scope: Scope, name: string): { placed: Placed; scope: Scope } | undefined {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const placed = ownDirective(level, name);
    if (placed) return { placed, scope: level };
  }
  return undefined;
}

/**
 * Scopes whose merged configuration answers requests: every location and limit_except, and a
 * server itself when it has no `location /` to catch the URIs that match no other location.
 * `if` blocks inherit their location's settings and add none for auth, so they are skipped.
 */
export function servingScopes(scopes: readonly Scope[]): Scope[] {
  const out: Scope[] = [];
  for (const scope of walkScopes(scopes)) {
    if (scope.kind === 'location' || scope.kind === 'limit_except') out.push(scope);
    else if (scope.kind === 'server' && !hasCatchAllLocation(scope)) out.push(scope);
  }
  return out;
}

function hasCatchAllLocation(server: Scope): boolean {
  return server.children.some((child) => {
    if (child.kind !== 'location' || !child.block) return false;
    const args = child.block.directive.args.map((arg) => arg.value);
    return (args.length === 1 && args[0] === '/') || (args.length === 2 && args[0] === '^~' && args[1] === '/');
  });
}

/** A short human name for a scope: `location /admin/`, `limit_except GET`, `server example.com`. */
export function describeScope(scope: Scope): string {
  if (!scope.block) return scope.kind === 'server' ? 'the server' : scope.kind;
  const directive = scope.block.directive;
  if (scope.kind === 'server') {
    const name = scope.directives.find((item) => item.directive.name === 'server_name')?.directive.args[0]?.value;
    return name ? `server ${name}` : 'server';
  }
  return [directive.name, ...directive.args.map((arg) => arg.raw)].join(' ');
}
