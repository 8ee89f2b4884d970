import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathResolver } from '../fs/rooted-paths';
import type { ApacheConfig, ApachePlaced, ApacheSourceFile } from './config-tree';
import { buildApacheScopes, enclosingVhost, isAtOrBelow, own, walkApacheScopes, type ApacheScope } from './scopes';

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

  scopes(): ApacheScope[] {
    return [...walkApacheScopes(this.root), ...this.htaccess.flatMap((h) => [...walkApacheScopes(h)])];
  }

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
    const candidates = [...this.root.children, ...(vhost?.children ?? [])].filter(
      (scope) => scope.kind === 'directory' && scope.path !== undefined && !/[*?[]/.test(scope.path) && scope.section?.args[0] !== '~' && isAtOrBelow(dir, scope.path),
    );
    return candidates.sort((a, b) => (a.path as string).replace(/\/+$/, '').length - (b.path as string).replace(/\/+$/, '').length);
  }

  /**
   * AllowOverride for a directory as the most permissive of the server config and every
   * <VirtualHost>: a .htaccess one of them reads is read. (Debian's sites set AllowOverride in
   * the vhost's own <Directory>; the server config's None does not apply to those requests.)
   */
  allowOverrideAnywhere(dir: string): { classes: Set<string>; from?: ApachePlaced } {
    const vhosts = [...walkApacheScopes(this.root)].filter((scope) => scope.kind === 'vhost');
    const results = [undefined, ...vhosts].map((vhost) => this.allowOverride(dir, vhost));
    const rank = (r: { classes: Set<string> }) => (r.classes.has('all') || r.classes.has('authconfig') ? 2 : r.classes.has('none') ? 0 : 1);
    return results.reduce((best, r) => (rank(r) > rank(best) ? r : best));
  }

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
      const limits = scope.children.filter((c) => c.kind === 'limit' || c.kind === 'limitexcept');
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
    return this.merge(this.sectionsInForce(scope));
  }

  /** Document roots and Alias/ScriptAlias targets: where URLs map to files (with the URL prefix). */
  webRoots(): { dir: string; url: string }[] {
    const out: { dir: string; url: string }[] = [];
    for (const scope of walkApacheScopes(this.root)) {
      for (const d of own(scope, 'DocumentRoot')) if (d.args[0]) out.push({ dir: d.args[0].replace(/\/+$/, ''), url: '/' });
      for (const d of [...own(scope, 'Alias'), ...own(scope, 'ScriptAlias')]) if (d.args[0] && d.args[1]) out.push({ dir: d.args[1].replace(/\/+$/, ''), url: d.args[0] });
    }
    return out;
  }

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
