import * as path from 'node:path';
import type { ApachePlaced } from './config-tree';

export type ApacheScopeKind =
  | 'server'
  | 'vhost'
  | 'directory'
  | 'directorymatch'
  | 'files'
  | 'filesmatch'
  | 'location'
  | 'locationmatch'
  | 'if'
  | 'limit'
  | 'limitexcept'
  | 'proxy'
  | 'htaccess';

export interface ApacheScope {
  readonly kind: ApacheScopeKind;
  /** The section that opens it (absent for the server config and .htaccess files). */
  readonly section?: ApachePlaced;
  readonly parent?: ApacheScope;
  readonly children: ApacheScope[];
  /** Active directives at this level, including those inside Require containers and active IfModule/IfDefine. */
  readonly directives: ApachePlaced[];
  /** Directives Apache never sees: inside an <IfModule>/<IfDefine> whose condition is false. */
  readonly skipped: ApachePlaced[];
  /** For directory / location / files sections and .htaccess: the path or pattern. */
  readonly path?: string;
}

const KIND: Record<string, ApacheScopeKind> = {
  virtualhost: 'vhost',
  directory: 'directory',
  directorymatch: 'directorymatch',
  files: 'files',
  filesmatch: 'filesmatch',
  location: 'location',
  locationmatch: 'locationmatch',
  if: 'if',
  elseif: 'if',
  else: 'if',
  limit: 'limit',
  limitexcept: 'limitexcept',
  proxy: 'proxy',
  proxymatch: 'proxy',
};

/** Sections that only group directives of the scope they are in (conditions, Require logic). */
const TRANSPARENT = new Set(['ifmodule', 'ifdefine', 'ifversion', 'ifdirective', 'iffile', 'ifsection', 'requireall', 'requireany', 'requirenone']);

/**
 * The scope tree of an Apache configuration: the server config, its <VirtualHost>s and the
 * sections inside. <IfModule>/<IfDefine> and Require containers do not make scopes: their
 * directives belong to the enclosing one (or to `skipped` when Apache ignores them).
 */
/** The Require container (RequireAll/RequireAny/RequireNone) a directive sits in, if any. */
const containers = new WeakMap<ApachePlaced, ApachePlaced>();
export function requireContainer(placed: ApachePlaced): string | undefined {
  return containers.get(placed)?.directive.name;
}

/** The Require container directive a directive sits in (for evaluating <RequireAll> and friends). */
export function requireContainerOf(placed: ApachePlaced): ApachePlaced | undefined {
  return containers.get(placed);
}

/** The <IfModule>/<IfDefine> conditions around a directive, innermost last (e.g. ["!mod_authz_core.c"]). */
const conditions = new WeakMap<ApachePlaced, string[]>();
export function conditionsOf(placed: ApachePlaced): readonly string[] {
  return conditions.get(placed) ?? [];
}

export function buildApacheScopes(items: readonly ApachePlaced[], kind: ApacheScopeKind = 'server', scopePath?: string): ApacheScope {
  const root: ApacheScope = { kind, children: [], directives: [], skipped: [], ...(scopePath ? { path: scopePath } : {}) };
  const fill = (list: readonly ApachePlaced[], scope: ApacheScope): void => {
    for (const item of list) {
      if (item.included) {
        fill(item.included, scope);
        continue;
      }
      const name = item.directive.name.toLowerCase();
      if (item.children) {
        if (TRANSPARENT.has(name)) {
          if (name.startsWith('require')) for (const child of item.children) containers.set(child, item);
          if (name === 'ifmodule' || name === 'ifdefine') {
            const outer = conditions.get(item) ?? [];
            const mark = (list: readonly ApachePlaced[]): void => {
              for (const child of list) {
                conditions.set(child, [...outer, item.args[0] ?? '']);
                if (child.children && /^(if|require)/i.test(child.directive.name)) mark(child.children);
              }
            };
            mark(item.children);
          }
          fill(item.children, scope);
          if (item.inactive === undefined) scope.directives.push(item);
          continue;
        }
        const childKind = KIND[name];
        if (!childKind) continue;
        const child: ApacheScope = { kind: childKind, section: item, parent: scope, children: [], directives: [], skipped: [], ...(item.args[0] !== undefined ? { path: item.args[item.args.length - 1] } : {}) };
        scope.children.push(child);
        fill(item.children, child);
        continue;
      }
      if (item.inactive) scope.skipped.push(item);
      else scope.directives.push(item);
    }
  };
  fill(items, root);
  return root;
}

export function* walkApacheScopes(scope: ApacheScope): Generator<ApacheScope> {
  yield scope;
  for (const child of scope.children) yield* walkApacheScopes(child);
}

export function own(scope: ApacheScope, name: string): ApachePlaced[] {
  const lower = name.toLowerCase();
  return scope.directives.filter((d) => d.directive.name.toLowerCase() === lower);
}

/** Is `dir` the directory `ancestor` or below it (path-segment-wise, as <Directory> matches)? */
export function isAtOrBelow(dir: string, ancestor: string): boolean {
  const a = directoryKey(ancestor);
  const d = directoryKey(dir);
  return a === '/' || d === a || d.startsWith(a + '/');
}

/** A directory as isAtOrBelow compares it: no trailing slash, normalised. */
export function directoryKey(dir: string): string {
  return path.posix.normalize(dir.replace(/\/+$/, '') || '/');
}

/**
 * The keys (directoryKey) of every `ancestor` for which isAtOrBelow(dir, ancestor) holds: the
 * directory, each of its parents, and `/`. Looking these up in an index of sections by key
 * answers "which sections apply here" without testing each section.
 */
export function directoryKeysAbove(dir: string): string[] {
  const key = directoryKey(dir);
  const keys = [key];
  for (let i = key.length - 1; i > 0; i--) if (key.charCodeAt(i) === 47) keys.push(key.slice(0, i));
  if (key !== '/') keys.push('/');
  return keys;
}

export function describeApacheScope(scope: ApacheScope): string {
  if (scope.kind === 'htaccess') return `.htaccess in ${scope.path}`;
  if (!scope.section) return 'the server config';
  return `<${scope.section.directive.name}${scope.section.args.length ? ' ' + scope.section.args.join(' ') : ''}>`;
}

/** The <VirtualHost> a section sits in, if any. */
export function enclosingVhost(scope: ApacheScope): ApacheScope | undefined {
  for (let level: ApacheScope | undefined = scope; level; level = level.parent) if (level.kind === 'vhost') return level;
  return undefined;
}
