import type { PathResolver } from '../fs/rooted-paths';
import type { NginxConfig, Placed } from './config-tree';
import { buildScopes, effectiveDirective, servingScopes, walkScopes, type Scope } from './scopes';
import { locateUserFile, type UserFileState } from './user-files';

/** The effective Basic-auth settings of one serving scope, with where each came from. */
export interface EffectiveAuth {
  readonly scope: Scope;
  readonly realm?: { readonly placed: Placed; readonly scope: Scope };
  readonly userFile?: { readonly placed: Placed; readonly scope: Scope };
  /** True when nginx runs the Basic-auth check: a realm other than the literal `off`. */
  readonly realmOn: boolean;
}

/**
 * What nginx builds from one loaded configuration, and the questions rules ask of it. Rules
 * read this; they never read files themselves.
 */
/** nginx's compiled-in worker account when the build was configured without --user (NGX_USER). */
export const COMPILED_DEFAULT_USER = 'nobody';

export class NginxModel {
  readonly scopes: Scope[];
  private readonly userFiles = new Map<Placed, UserFileState>();

  /** How a file is named in output: its disk path, or for a file of an `nginx -T` dump the path nginx read it from. */
  shownPath(file: { readonly diskPath: string; readonly serverPath: string }): string {
    return this.resolver.inOverlay(file.diskPath) ? file.serverPath : file.diskPath;
  }

  constructor(
    readonly config: NginxConfig,
    private readonly resolver: PathResolver,
  ) {
    this.scopes = buildScopes(config);
    // Thousands of locations name the same few files: each is looked up once.
    const byValue = new Map<string, UserFileState>();
    for (const scope of walkScopes(this.scopes)) {
      for (const placed of scope.directives) {
        if (placed.directive.name === 'auth_basic_user_file' && placed.directive.args.length === 1) {
          const value = placed.directive.args[0].value;
          let state = byValue.get(value);
          if (!state) {
            state = locateUserFile(value, config.confPrefix, resolver);
            byValue.set(value, state);
          }
          this.userFiles.set(placed, state);
        }
      }
    }
  }
  /** Whether what a server path names can be checked here (not outside the copy of a configuration directory). */
  checkedHere(serverPath: string, from: { readonly diskPath: string }): boolean {
    return this.resolver.checkedHere(serverPath, from.diskPath);
  }


  private all?: Scope[];
  private serving?: Scope[];

  /** Every scope, in document order (computed once: rules ask often). */
  allScopes(): Scope[] {
    this.all ??= [...walkScopes(this.scopes)];
    return this.all;
  }

  servingScopes(): Scope[] {
    this.serving ??= servingScopes(this.scopes);
    return this.serving;
  }

  effectiveAuth(scope: Scope): EffectiveAuth {
    // Asked by most rules of most scopes: worked out once per scope.
    let auth = this.authCache.get(scope);
    if (!auth) this.authCache.set(scope, (auth = this.computeAuth(scope)));
    return auth;
  }

  private readonly authCache = new Map<Scope, EffectiveAuth>();

  private computeAuth(scope: Scope): EffectiveAuth {
    const realm = effectiveDirective(scope, 'auth_basic');
    const userFile = effectiveDirective(scope, 'auth_basic_user_file');
    const realmValue = realm?.placed.directive.args[0]?.value;
    // ngx_http_auth_basic_handler compares the evaluated realm with the 3 bytes "off",
    // case-sensitively, whether or not it was quoted.
    return { scope, realm, userFile, realmOn: realmValue !== undefined && realmValue !== 'off' };
  }

  /** Every auth_basic_user_file placement with what opening it would find. */
  userFileStates(): ReadonlyMap<Placed, UserFileState> {
    return this.userFiles;
  }

  /** auth_basic_user_file placements some request would open: effective where auth_basic is on. */
  userFilesInUse(): ReadonlySet<Placed> {
    // Several rules ask: worked out once (the model does not change under them).
    if (!this.inUse) {
      const inUse = new Set<Placed>();
      for (const scope of this.servingScopes()) {
        const auth = this.effectiveAuth(scope);
        if (auth.realmOn && auth.userFile) inUse.add(auth.userFile.placed);
      }
      this.inUse = inUse;
    }
    return this.inUse;
  }

  private inUse: ReadonlySet<Placed> | undefined;

  /**
   * The account nginx's workers run as: the main config's `user`, else the build's compiled-in
   * default — `nobody` for Debian's and the upstream packages (configured without --user; `nginx
   * -V` shows it). A fragment linted without its nginx.conf does not say: Debian's stock
   * nginx.conf sets `user www-data`, which is assumed there.
   */
  get workerUser(): string {
    if (this.config.context !== 'main') return 'www-data';
    const user = this.config.items.find((item) => item.directive.name === 'user');
    return user?.directive.args[0]?.value ?? COMPILED_DEFAULT_USER;
  }

  /** The server path of a user file this configuration already uses and that exists, if any. */
  existingUserFile(): string | undefined {
    for (const state of this.userFiles.values()) if (state.kind === 'file') return state.serverPath;
    return undefined;
  }

  /** The conf prefix as a directory path with a trailing slash, as nginx prints it. */
  get confPrefix(): string {
    return this.config.confPrefix.endsWith('/') ? this.config.confPrefix : this.config.confPrefix + '/';
  }
}
