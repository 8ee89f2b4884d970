import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside, readRegularFile, readTextFile, type FileRead } from './safe-read';

/** Where a path named inside a config lives on disk, or why it may not be read. */
export type DiskLocation =
  | { readonly ok: true; readonly diskPath: string; /** A component does not exist: nothing is there (never open the path). */ readonly missing?: true }
  | { readonly ok: false; readonly diskPath: string; readonly reason: string };

const MAX_SYMLINK_HOPS = 40;

/**
 * Maps paths as the server sees them (`/etc/nginx/.htpasswd`) to paths on this disk.
 *
 * Without --root the two are the same. With --root DIR, a config's absolute paths are looked
 * up under DIR, as if DIR were `/`: symlinks are followed one component at a time, an absolute
 * link target is re-rooted under DIR, and any path that would leave DIR (through `..` or a
 * relative link that climbs out) is refused, so a config in an untrusted pull request cannot
 * make authlint read `/etc/shadow`.
 */
/**
 * A copy of a server's configuration directory lying elsewhere (a checkout): `serverPrefix`
 * (/etc/nginx) as the server sees it is `diskDir` here.
 */
export interface Mount {
  readonly serverPrefix: string;
  readonly diskDir: string;
}

export class PathResolver {
  private readonly root: string | undefined;
  private readonly overlay: string | undefined;
  private mountList: Mount[] = [];

  /**
   * `overlay` (without a root): a directory that mirrors some of `/` and wins over it — the files
   * of an `nginx -T` dump, written out, while the password files they name are read from this
   * machine.
   */
  constructor(root?: string, overlay?: string) {
    this.root = root === undefined ? undefined : fs.realpathSync(path.resolve(root));
    this.overlay = overlay === undefined || root !== undefined ? undefined : fs.realpathSync(overlay);
  }

  get rooted(): boolean {
    return this.root !== undefined;
  }

  /**
   * Treat a copy of a server's configuration directory as that directory (without --root only):
   * the config's paths under `serverPrefix` are read from the copy, findings name the server's
   * paths, and paths outside every mount are the server's, not checked here.
   */
  mount(serverPrefix: string, diskDir: string): void {
    if (this.root !== undefined || this.overlay !== undefined) return;
    const prefix = serverPrefix.replace(/\/+$/, '') || '/';
    this.mountList = [...this.mountList.filter((m) => m.serverPrefix !== prefix), { serverPrefix: prefix, diskDir: realOrResolved(diskDir) }].sort((a, b) => b.serverPrefix.length - a.serverPrefix.length);
  }

  get mounts(): readonly Mount[] {
    return this.mountList;
  }

  /**
   * Whether what a server path, named in the file at `from` (a disk path), can be checked in
   * this run: always, except when that file belongs to a copy of a configuration directory
   * (a mount) and the path lies outside every copy — it is then the server's, not here.
   */
  checkedHere(serverPath: string, from: string): boolean {
    if (this.mountList.length === 0) return true;
    const real = realOrResolved(from);
    if (!this.mountList.some((m) => isAtOrUnder(real, m.diskDir))) return true;
    return this.mountList.some((m) => isAtOrUnder(serverPath, m.serverPrefix));
  }

  /** The --root directory (real path), if any. */
  get rootDir(): string | undefined {
    return this.root;
  }

  /** Whether a disk path is one of the overlay's files (an `nginx -T` dump written out). */
  inOverlay(diskPath: string): boolean {
    return this.overlay !== undefined && path.resolve(diskPath).startsWith(this.overlay + path.sep);
  }

  /** Whether a disk path may be read in this run: anywhere without --root, else only inside it (real path). */
  allows(diskPath: string): boolean {
    if (this.root === undefined) return true;
    let real: string;
    try {
      real = fs.realpathSync.native(diskPath);
    } catch {
      real = path.resolve(diskPath);
    }
    return isInside(this.root, real);
  }

  /** A file's bytes, read the only way authlint reads: regular files only, capped, confined to --root. */
  readFile(diskPath: string, maxBytes?: number): FileRead {
    return readRegularFile(diskPath, { maxBytes, confine: this.root });
  }

  /** A file's text (UTF-8), read as readFile reads. */
  readText(diskPath: string, maxBytes?: number): ReturnType<typeof readTextFile> {
    return readTextFile(diskPath, { maxBytes, confine: this.root });
  }

  /** The path as the server would see it, for a path given on the command line. */
  serverPathOf(diskPath: string): string {
    const absolute = path.resolve(diskPath);
    for (const m of this.mountList) {
      const real = realOrResolved(absolute);
      if (isAtOrUnder(real, m.diskDir)) return m.serverPrefix === '/' ? real.slice(m.diskDir.length) || '/' : m.serverPrefix + real.slice(m.diskDir.length);
    }
    if (this.overlay !== undefined && absolute.startsWith(this.overlay + path.sep)) return absolute.slice(this.overlay.length);
    if (this.root === undefined) return absolute;
    let real = absolute;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      // keep the lexical path for files that do not exist
    }
    const relative = path.relative(this.root, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return absolute;
    return '/' + relative.split(path.sep).join('/');
  }

  /**
   * An absolute server path with every symbolic link in it resolved, as the server's kernel
   * would (under --root, inside the root); undefined when it does not exist or cannot be resolved.
   */
  resolvedServerPath(serverPath: string): string | undefined {
    if (this.root === undefined && this.overlay === undefined) {
      try {
        return fs.realpathSync(path.resolve(serverPath));
      } catch {
        return undefined;
      }
    }
    const location = this.toDisk(serverPath);
    if (!location.ok || location.missing) return undefined;
    return this.serverPathOf(location.diskPath);
  }

  /** The disk path for an absolute server path. */
  toDisk(serverPath: string): DiskLocation {
    if (this.overlay !== undefined) {
      const inOverlay = path.join(this.overlay, path.resolve(serverPath));
      if (fs.existsSync(inOverlay)) return { ok: true, diskPath: inOverlay };
    }
    for (const m of this.mountList) {
      if (isAtOrUnder(serverPath, m.serverPrefix)) return { ok: true, diskPath: path.join(m.diskDir, serverPath.slice(m.serverPrefix.length)) };
    }
    if (this.root === undefined) return { ok: true, diskPath: path.resolve(serverPath) };
    return resolveInside(this.root, serverPath, this.components);
  }

  /** What each path component on disk is (looked up once per run: a tree does not change while it is linted). */
  private readonly components = new ComponentCache();
}

type Component = { readonly kind: 'missing' | 'plain' } | { readonly kind: 'link'; readonly target: string };

/** lstat/readlink results per disk path, bounded (a huge tree must not grow memory without limit). */
class ComponentCache {
  private static readonly MAX = 200_000;
  private readonly map = new Map<string, Component>();

  get(diskPath: string): Component {
    const known = this.map.get(diskPath);
    if (known) return known;
    let found: Component;
    try {
      const stat = fs.lstatSync(diskPath);
      if (!stat.isSymbolicLink()) found = { kind: 'plain' };
      else {
        try {
          found = { kind: 'link', target: fs.readlinkSync(diskPath) };
        } catch {
          found = { kind: 'missing' };
        }
      }
    } catch {
      found = { kind: 'missing' };
    }
    if (this.map.size >= ComponentCache.MAX) this.map.clear();
    this.map.set(diskPath, found);
    return found;
  }
}

function isAtOrUnder(candidate: string, dir: string): boolean {
  return candidate === dir || candidate.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function realOrResolved(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return path.resolve(target);
  }
}

function resolveInside(root: string, serverPath: string, components: ComponentCache): DiskLocation {
  const pending = serverPath.split('/').filter((part) => part !== '' && part !== '.');
  const done: string[] = [];
  // Depth of the first component that does not exist, while we are below it: nothing under a
  // missing component can be a link, but a later ".." may climb back above it, and from there
  // on every component must be resolved again (a link there still counts).
  let missingFrom = -1;
  let hops = 0;
  // The disk path of `done`, kept as components are added (path.join over every component at
  // every step cost a tenth of an explain on 1,000 files). Components hold no "/", "." or "..".
  const base = path.resolve(root) === '/' ? '' : path.resolve(root);
  let current = base;
  const rebuild = (): void => {
    current = base + done.map((part) => `/${part}`).join('');
  };
  const here = (): string => (current === '' ? '/' : current);
  const climbsAbove = (): DiskLocation => ({ ok: false, diskPath: here(), reason: `"${serverPath}" climbs above the --root directory` });
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '..') {
      if (done.length === 0) return climbsAbove();
      done.pop();
      rebuild();
      if (done.length < missingFrom) missingFrom = -1;
      continue;
    }
    done.push(part);
    current += `/${part}`;
    if (missingFrom >= 0) continue;
    const component = components.get(here());
    if (component.kind === 'missing') {
      missingFrom = done.length;
      continue;
    }
    if (component.kind !== 'link') continue;
    if (++hops > MAX_SYMLINK_HOPS) return { ok: false, diskPath: here(), reason: `too many symbolic links in "${serverPath}"` };
    const target = component.target;
    done.pop();
    const targetParts = target.split('/').filter((p) => p !== '' && p !== '.');
    rebuild();
    if (target.startsWith('/')) {
      done.length = 0;
      rebuild();
    } else if (climbsOut(done.length, targetParts)) {
      return {
        ok: false,
        diskPath: path.join(root, ...done, part),
        reason: `"${serverPath}" is a symbolic link to "${target}", outside the --root directory`,
      };
    }
    pending.unshift(...targetParts);
  }
  if (missingFrom >= 0) return { ok: true, diskPath: here(), missing: true };
  return { ok: true, diskPath: here() };
}

function climbsOut(depth: number, parts: string[]): boolean {
  let level = depth;
  for (const part of parts) {
    level += part === '..' ? -1 : 1;
    if (level < 0) return true;
  }
  return false;
}

/**
 * A path named in a config as the server resolves it: absolute as written, relative against
 * the conf prefix (nginx's ngx_conf_full_name). `..` is kept, not folded away, so that the
 * resolver can refuse a path that climbs out of --root.
 */
export function withConfPrefix(value: string, confPrefix: string): string {
  if (value.startsWith('/')) return value;
  return `${confPrefix.replace(/\/+$/, '')}/${value}`;
}

/** What a server path names on disk (through the resolver): a file, a directory, or nothing readable. */
export function pathKind(resolver: PathResolver, serverPath: string): 'file' | 'dir' | 'none' {
  const location = resolver.toDisk(serverPath);
  if (!location.ok) return 'none';
  try {
    return fs.statSync(location.diskPath).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}
