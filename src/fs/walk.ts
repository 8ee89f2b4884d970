import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from './safe-read';

export interface WalkOptions {
  /** Directories deeper than this below the start are not entered (0: only the start). */
  readonly maxDepth: number;
  /** Directory entries looked at in all, at the most. */
  readonly maxEntries: number;
  /**
   * Follow symbolic links to directories and files (httpd's Include of a directory does); when
   * false, links are skipped entirely, as a directory walk of the command line's paths does.
   */
  readonly followLinks: boolean;
  /** The --root directory's real path: nothing outside it is listed or returned. */
  readonly confine?: string;
  /** Include names that start with a dot. */
  readonly dot: boolean;
  /** Directory names never entered (.git, node_modules). */
  readonly skipDirs?: ReadonlySet<string>;
  /** Only return files with this base name. */
  readonly name?: string;
}

export interface WalkResult {
  /** Regular files found, as paths relative to the start, sorted by byte value. */
  readonly files: string[];
  /** Why the walk did not see everything (depth, count, loops, links out of --root); empty when it did. */
  readonly cutShort: string[];
}

/**
 * Every regular file below a directory, walked the way a hostile tree cannot abuse: each
 * directory is entered once (by device and inode, so link loops end), never outside --root
 * (checked on the real path of every directory and file reached through a link), never deeper
 * than maxDepth, never more than maxEntries entries. Special files are never returned. What was
 * cut short is said, so a caller can report it instead of staying silent.
 */
export function walkFiles(start: string, options: WalkOptions): WalkResult {
  const files: string[] = [];
  const cutShort = new Set<string>();
  const visited = new Set<string>();
  let entries = 0;
  const startStat = statOrUndefined(start);
  if (!startStat?.isDirectory()) return { files, cutShort: [] };
  visited.add(`${startStat.dev}:${startStat.ino}`);
  const stack: { dir: string; relative: string; depth: number }[] = [{ dir: start, relative: '', depth: 0 }];
  while (stack.length > 0) {
    const { dir, relative, depth } = stack.pop() as { dir: string; relative: string; depth: number };
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const dirent of dirents) {
      if (++entries > options.maxEntries) {
        cutShort.add(`stopped after ${options.maxEntries} directory entries`);
        return { files: sortBytes(files), cutShort: [...cutShort] };
      }
      const name = dirent.name;
      if (!options.dot && name.startsWith('.')) continue;
      const full = path.join(dir, name);
      const rel = relative === '' ? name : `${relative}/${name}`;
      let isDir = dirent.isDirectory();
      let isFile = dirent.isFile();
      if (dirent.isSymbolicLink()) {
        if (!options.followLinks) continue;
        const stat = statOrUndefined(full);
        if (!stat) continue;
        if (options.confine !== undefined && !isInside(options.confine, realPathOrSelf(full))) {
          cutShort.add(`${rel}: a symbolic link out of the --root directory, not followed`);
          continue;
        }
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      }
      if (isFile) {
        if (options.name === undefined || name === options.name) files.push(rel);
        continue;
      }
      if (!isDir || options.skipDirs?.has(name)) continue;
      if (depth + 1 > options.maxDepth) {
        cutShort.add(`not entered below depth ${options.maxDepth} (${rel})`);
        continue;
      }
      const stat = statOrUndefined(full);
      if (!stat) continue;
      const key = `${stat.dev}:${stat.ino}`;
      // Entered once: a link loop (l -> .) or a second link to the same directory adds nothing
      // unseen, so it is not a gap to report.
      if (visited.has(key)) continue;
      visited.add(key);
      stack.push({ dir: full, relative: rel, depth: depth + 1 });
    }
  }
  return { files: sortBytes(files), cutShort: [...cutShort] };
}

function statOrUndefined(diskPath: string): fs.Stats | undefined {
  try {
    return fs.statSync(diskPath);
  } catch {
    return undefined;
  }
}

function realPathOrSelf(diskPath: string): string {
  try {
    return fs.realpathSync.native(diskPath);
  } catch {
    return diskPath;
  }
}

/** Sorted by byte value (strcmp), as glob(3) and httpd sort names. */
export function sortBytes(names: string[]): string[] {
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
