import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathResolver } from '../fs/rooted-paths';
import type { ApacheConfig, ApachePlaced, ApacheSourceFile } from './config-tree';
import { buildApacheScopes, directoryKey, directoryKeysAbove, enclosingVhost, isAtOrBelow, own, walkApacheScopes, type ApacheScope } from './scopes';

export type FileState =
  | { readonly kind: 'file'; readonly serverPath: string; readonly diskPath: string }
  | { readonly kind: 'missing'; readonly serverPath: string; readonly diskPath: string }
  | { readonly kind: 'not-regular'; readonly serverPath: string; readonly diskPath: string }
  | { readonly kind: 'variable' | 'outside-root'; readonly serverPath: string };

/** The merged auth settings of a request path: which directive set each, after Apache's merge order. */
export interface MergedAuth {
  readonly authType?: ApachePlaced;
  readonly authName?: ApachePlaced;
  readonly authUserFile?: ApachePlaced;
  readonly provider?: ApachePlaced;
  readonly authGroupFile?: ApachePlaced;
  /** The scope whose Require directives are in force (AuthMerging Off: the last one that has any). */
  readonly requireScope?: ApacheScope;
  readonly requires: readonly ApachePlaced[];
  /** mod_access_compat's Order/Allow/Deny in force (the last section that has any). */
  readonly compat: readonly ApachePlaced[];
  /** Satisfy Any in force. */
  readonly satisfyAny: boolean;
  /** AuthzSendForbiddenOnFailure On: a logged-in user the Require lines refuse gets 403, not 401. */
  readonly forbiddenOnFailure?: boolean;
}

const AUTHZ = new Set(['require', 'requireall', 'requireany', 'requirenone']);

/** Where URLs map to files: a DocumentRoot (url "/") or an Alias/ScriptAlias target. */
export interface WebRoot {
  readonly dir: string;
  readonly url: string;
  /** The <VirtualHost> that declares it; undefined in the server config. */
  readonly vhost?: ApacheScope;
}

/** A literal-path <Directory> section, indexed by its path (ApacheModel.directoryChain). */
interface DirectoryEntry {
  readonly scope: ApacheScope;
  /** Its place among the sections directoryChain considers: the server config's first, then the vhost's. */
  readonly order: number;
}

interface DirectoryIndex {
  /** The server config's sections, by directoryKey. */
  readonly server: Map<string, DirectoryEntry[]>;
  /** Each vhost's own sections, by directoryKey. */
  readonly byVhost: Map<ApacheScope, Map<string, DirectoryEntry[]>>;
  /** The vhosts that have a section of a path, in config order. */
  readonly vhostsByKey: Map<string, ApacheScope[]>;
  /** Each vhost's place in config order. */
  readonly vhostOrder: Map<ApacheScope, number>;
}

/** What httpd builds from one configuration, and the questions the Apache rules ask of it. */
export class ApacheModel {
  readonly root: ApacheScope;
  readonly htaccess: ApacheScope[] = [];
  private readonly contents = new Map<string, Buffer | null>();

  constructor(
    readonly config: ApacheConfig,
    private readonly resolver: PathResolver,
    htaccessFiles: readonly { file: ApacheSourceFile; dir: string }[],
  ) {
    this.root = buildApacheScopes(config.items);
    for (const { file, dir } of htaccessFiles) {
      const items = file.parse.nodes.length ? placeFlat(file) : [];
      const scope = buildApacheScopes(items, 'htaccess', dir);
      this.htaccess.push(Object.assign(scope, { file }) as ApacheScope);
    }
  }

  /** Whether the configs' paths are looked up under --root (the tree is the server), or on this machine. */
  get rooted(): boolean {
    return this.resolver.rooted;
  }

  /** Whether what a server path names can be checked here (not outside the copy of a configuration directory). */
  checkedHere(serverPath: string, from: { readonly diskPath: string }): boolean {
    return this.resolver.checkedHere(serverPath, from.diskPath);
  }

  /** Every section of the config and of its .htaccess files, in order (computed once: a score of rules ask). */
  scopes(): readonly ApacheScope[] {
    this.allScopes ??= [...walkApacheScopes(this.root), ...this.htaccess.flatMap((h) => [...walkApacheScopes(h)])];
    return this.allScopes;
  }

  private allScopes: ApacheScope[] | undefined;

  /** A path named in the config as httpd resolves it: absolute, or relative to ServerRoot. */
  serverPath(value: string): string {
    return value.startsWith('/') ? value : `${this.config.serverRoot.replace(/\/+$/, '')}/${value}`;
  }

  fileState(value: string): FileState {
    const serverPath = this.serverPath(value);
    if (value.includes('${') || value.includes('%{')) return { kind: 'variable', serverPath };
    const location = this.resolver.toDisk(serverPath);
    if (!location.ok) return { kind: 'outside-root', serverPath };
    if (location.missing) return { kind: 'missing', serverPath, diskPath: location.diskPath };
    try {
      const stat = fs.statSync(location.diskPath);
      return { kind: stat.isFile() ? 'file' : 'not-regular', serverPath, diskPath: location.diskPath };
    } catch {
      return { kind: 'missing', serverPath, diskPath: location.diskPath };
    }
  }

  /**
   * A password or group file the config names, read once per model through the rooted
   * resolver (regular files only, capped): rules ask for its content here, never the disk.
   * Undefined when it is not a readable file.
   */
  fileContent(value: string): { state: Extract<FileState, { kind: 'file' }>; bytes: Buffer } | undefined {
    const state = this.fileState(value);
    if (state.kind !== 'file') return undefined;
    let cached = this.contents.get(state.diskPath);
    if (cached === undefined) {
      const read = this.resolver.readFile(state.diskPath);
      cached = read.ok ? read.bytes : null;
      this.contents.set(state.diskPath, cached);
    }
    return cached === null ? undefined : { state, bytes: cached };
  }

  /** <Directory> sections (literal paths) that apply to `dir`, shortest first, from the server config and one vhost. */
  directoryChain(dir: string, vhost?: ApacheScope): ApacheScope[] {
    const index = this.directoryIndex();
    const keys = directoryKeysAbove(dir);
    const ownIndex = vhost ? index.byVhost.get(vhost) : undefined;
    const entries = keys.flatMap((key) => [...(index.server.get(key) ?? []), ...(ownIndex?.get(key) ?? [])]);
    const candidates = entries.sort((a, b) => a.order - b.order).map((entry) => entry.scope);
    return candidates.sort((a, b) => (a.path as string).replace(/\/+$/, '').length - (b.path as string).replace(/\/+$/, '').length);
  }

  /**
   * The literal-path <Directory> sections of the server config and of each <VirtualHost>,
   * indexed by path (directoryKey): which of them apply to a directory is found by looking the
   * directory and its parents up (directoryKeysAbove), not by testing every section — a config
   * of 10,000 vhosts asked that per directory and per vhost (cubic: hours).
   */
  private directoryIndex(): DirectoryIndex {
    if (this.directories) return this.directories;
    const index: DirectoryIndex = { server: new Map(), byVhost: new Map(), vhostsByKey: new Map(), vhostOrder: new Map(this.vhosts().map((vhost, i) => [vhost, i])) };
    const add = (map: Map<string, DirectoryEntry[]>, scope: ApacheScope, order: number): string | undefined => {
      if (scope.kind !== 'directory' || scope.path === undefined || /[*?[]/.test(scope.path) || scope.section?.args[0] === '~') return undefined;
      const key = directoryKey(scope.path);
      const list = map.get(key);
      if (list) list.push({ scope, order });
      else map.set(key, [{ scope, order }]);
      return key;
    };
    const rootChildren = this.root.children;
    rootChildren.forEach((scope, i) => add(index.server, scope, i));
    for (const vhost of this.vhosts()) {
      const own = new Map<string, DirectoryEntry[]>();
      vhost.children.forEach((scope, i) => {
        const key = add(own, scope, rootChildren.length + i);
        if (key === undefined) return;
        const vhosts = index.vhostsByKey.get(key);
        if (!vhosts) index.vhostsByKey.set(key, [vhost]);
        else if (vhosts[vhosts.length - 1] !== vhost) vhosts.push(vhost);
      });
      if (own.size > 0) index.byVhost.set(vhost, own);
    }
    this.directories = index;
    return index;
  }

  private directories: DirectoryIndex | undefined;

  /** The <VirtualHost> sections, in config order (computed once). */
  vhosts(): readonly ApacheScope[] {
    this.vhostList ??= [...walkApacheScopes(this.root)].filter((scope) => scope.kind === 'vhost');
    return this.vhostList;
  }

  private vhostList: ApacheScope[] | undefined;

  /**
   * AllowOverride for a directory as the most permissive of the server config and every
   * <VirtualHost>: a .htaccess one of them reads is read. (Debian's sites set AllowOverride in
   * the vhost's own <Directory>; the server config's None does not apply to those requests.)
   * Only the vhosts with a <Directory> of their own above `dir` can differ from the server
   * config's answer, so only those are asked; the answer is kept per directory.
   */
  allowOverrideAnywhere(dir: string): { classes: Set<string>; from?: ApachePlaced } {
    const key = directoryKey(dir);
    const known = this.overrideAnywhere.get(key);
    if (known) return known;
    const index = this.directoryIndex();
    const order = index.vhostOrder;
    const vhosts = [...new Set(directoryKeysAbove(dir).flatMap((k) => index.vhostsByKey.get(k) ?? []))].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
    const results = [undefined, ...vhosts].map((vhost) => this.allowOverride(dir, vhost));
    const rank = (r: { classes: Set<string> }) => (r.classes.has('all') || r.classes.has('authconfig') ? 2 : r.classes.has('none') ? 0 : 1);
    const best = results.reduce((winner, r) => (rank(r) > rank(winner) ? r : winner));
    this.overrideAnywhere.set(key, best);
    return best;
  }

  private readonly overrideAnywhere = new Map<string, { classes: Set<string>; from?: ApachePlaced }>();

  /** AllowOverride in force for a directory (httpd 2.4's default: None), in the server config or one vhost. */
  allowOverride(dir: string, vhost?: ApacheScope): { classes: Set<string>; from?: ApachePlaced } {
    let classes = new Set(['none']);
    let from: ApachePlaced | undefined;
    for (const scope of this.directoryChain(dir, vhost)) {
      const setting = own(scope, 'AllowOverride').pop();
      if (!setting) continue;
      classes = new Set(setting.args.map((a) => a.toLowerCase().split('=')[0]));
      from = setting;
    }
    return { classes, from };
  }

  /** Merge the auth directives of a list of scopes applied in order (later wins; Require replaces). */
  merge(scopes: readonly ApacheScope[]): MergedAuth {
    let merged: { -readonly [K in keyof MergedAuth]: MergedAuth[K] } = { requires: [], compat: [], satisfyAny: false };
    for (const scope of scopes) {
      const last = (name: string) => own(scope, name).pop();
      merged = {
        ...merged,
        ...(last('AuthType') ? { authType: last('AuthType') } : {}),
        ...(last('AuthName') ? { authName: last('AuthName') } : {}),
        ...(last('AuthUserFile') ? { authUserFile: last('AuthUserFile') } : {}),
        ...(last('AuthBasicProvider') ? { provider: last('AuthBasicProvider') } : {}),
        ...(last('AuthGroupFile') ? { authGroupFile: last('AuthGroupFile') } : {}),
      };
      // Require lines and the Require containers (with their contents), as written in this scope.
      // <Limit>/<LimitExcept> are part of their section's authorization, not sections of their own.
      const limits = limitSections(scope);
      const requires = [scope, ...limits].flatMap((s) => s.directives.filter((d) => AUTHZ.has(d.directive.name.toLowerCase())));
      if (requires.length > 0) merged = { ...merged, requireScope: scope, requires };
      const compat = scope.directives.filter((d) => /^(order|allow|deny)$/i.test(d.directive.name));
      if (compat.length > 0) merged = { ...merged, compat };
      const satisfy = scope.directives.filter((d) => /^satisfy$/i.test(d.directive.name)).pop();
      if (satisfy) merged = { ...merged, satisfyAny: satisfy.args[0]?.toLowerCase() === 'any' };
      const forbidden = last('AuthzSendForbiddenOnFailure');
      if (forbidden) merged = { ...merged, forbiddenOnFailure: forbidden.args[0]?.toLowerCase() === 'on' };
    }
    return merged;
  }

  /**
   * The sections merged into `scope` for a request it serves, outermost first, in httpd's merge
   * order: for a <Directory> (literal path) or a .htaccess, the server config or its
   * <VirtualHost>, then every <Directory> and allowed .htaccess along the directory's path,
   * shortest first (a <Directory> before the .htaccess of the same directory); for any other
   * section, the sections it sits in. The one merge chain rules and `explain` share.
   */
  sectionsInForce(scope: ApacheScope): ApacheScope[] {
    const vhost = enclosingVhost(scope);
    if ((scope.kind === 'directory' && scope.path && !/[*?[~]/.test(scope.path)) || scope.kind === 'htaccess') {
      const dir = scope.path as string;
      const chain = this.scopesForDirectory(dir, vhost).filter((s) => s === scope || s.kind === 'directory' || s.kind === 'htaccess');
      if (vhost) chain.push(...this.directoryChain(dir, vhost).filter((s) => !chain.includes(s)));
      if (!chain.includes(scope)) chain.push(scope);
      const depth = (s: ApacheScope) => (s.path ?? '').replace(/\/+$/, '').length * 2 + (s.kind === 'htaccess' ? 1 : 0);
      chain.sort((a, b) => depth(a) - depth(b));
      return [vhost ?? this.root, ...chain];
    }
    const up: ApacheScope[] = [];
    for (let level: ApacheScope | undefined = scope; level; level = level.parent) up.unshift(level);
    return up;
  }

  /** The auth settings in force in a section: its sections in force, merged. */
  effectiveAuth(scope: ApacheScope): MergedAuth {
    // Asked by many rules of every section; the sections and their merge do not change once built.
    let auth = this.authCache.get(scope);
    if (!auth) this.authCache.set(scope, (auth = this.merge(this.sectionsInForce(scope))));
    return auth;
  }

  private readonly authCache = new Map<ApacheScope, MergedAuth>();

  /** Document roots and Alias/ScriptAlias targets: where URLs map to files (with the URL prefix and the vhost that declares them). Computed once. */
  webRoots(): readonly WebRoot[] {
    if (!this.roots) {
      const out: WebRoot[] = [];
      for (const scope of walkApacheScopes(this.root)) {
        const vhost = enclosingVhost(scope);
        for (const d of own(scope, 'DocumentRoot')) if (d.args[0]) out.push({ dir: d.args[0].replace(/\/+$/, ''), url: '/', vhost });
        for (const d of [...own(scope, 'Alias'), ...own(scope, 'ScriptAlias')]) if (d.args[0] && d.args[1]) out.push({ dir: d.args[1].replace(/\/+$/, ''), url: d.args[0], vhost });
      }
      this.roots = out;
    }
    return this.roots;
  }

  private roots: WebRoot[] | undefined;

  /** A server path with its symbolic links resolved (through the rooted resolver); undefined when it does not exist. */
  resolvedPath(serverPath: string): string | undefined {
    return this.resolver.resolvedServerPath(serverPath);
  }

  /** The URL prefix under which a directory is served, if any. */
  urlOf(dir: string): string | undefined {
    for (const root of this.webRoots()) {
      if (!isAtOrBelow(dir, root.dir)) continue;
      const rest = dir.replace(/\/+$/, '').slice(root.dir.length);
      return (root.url.replace(/\/+$/, '') + rest + '/').replace(/\/{2,}/g, '/');
    }
    return undefined;
  }

  /**
   * The scopes whose settings apply to a directory on disk: its <Directory> chain (of the server
   * config and, for a request a <VirtualHost> answers, that vhost) and the .htaccess files along
   * it (where allowed).
   */
  scopesForDirectory(dir: string, vhost?: ApacheScope): ApacheScope[] {
    const chain: ApacheScope[] = [...this.directoryChain(dir, vhost)];
    for (const h of this.htaccess) {
      if (h.path && isAtOrBelow(dir, h.path) && !this.allowOverride(h.path, vhost).classes.has('none')) chain.push(h);
    }
    return chain.sort((a, b) => (a.path ?? '').length - (b.path ?? '').length);
  }

  get modulesKnown(): boolean {
    return this.config.modules !== undefined;
  }

  hasModule(id: string): boolean {
    return this.config.modules?.has(id) ?? true;
  }
}

const limitsOf = new WeakMap<ApacheScope, ApacheScope[]>();

/**
 * The <Limit>/<LimitExcept> children of a section, found once per section: the server config's
 * children are every <VirtualHost>, and merge asked for them per request path (quadratic on
 * 10,000 vhosts: 2.3 s of 8.7).
 */
function limitSections(scope: ApacheScope): ApacheScope[] {
  let limits = limitsOf.get(scope);
  if (!limits) limitsOf.set(scope, (limits = scope.children.filter((c) => c.kind === 'limit' || c.kind === 'limitexcept')));
  return limits;
}

/** A .htaccess file's directives as placed items (no includes, no conditions to evaluate). */
function placeFlat(file: ApacheSourceFile): ApachePlaced[] {
  const place = (nodes: ApacheSourceFile['parse']['nodes']): ApachePlaced[] =>
    nodes
      .filter((n) => n.type === 'directive')
      .map((d) => {
        const directive = d as Extract<typeof d, { type: 'directive' }>;
        return { directive, args: directive.args.map((a) => a.value), file, chain: [], ...(directive.section ? { children: place(directive.section.body) } : {}) };
      });
  return place(file.parse.nodes);
}

export function htaccessDir(serverPath: string): string {
  return path.posix.dirname(serverPath);
}
