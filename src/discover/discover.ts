import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from '../fs/glob';
import { classify, type FileKind } from './classify';

export interface DiscoveredFile {
  readonly diskPath: string;
  readonly kind: FileKind;
  /** Named on the command line (not found by walking a directory). */
  readonly explicit: boolean;
}

export interface DiscoveryProblem {
  readonly diskPath: string;
  readonly message: string;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  /** Files named on the command line that authlint cannot lint, and paths that do not exist. */
  readonly problems: DiscoveryProblem[];
}

const SNIFF_BYTES = 16 * 1024;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const IGNORED_DIRS = ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**'];

/** One buffer for every sniff: discovery reads hundreds of heads, one at a time. */
const sniffBuffer = Buffer.alloc(SNIFF_BYTES);

function readHead(diskPath: string): string {
  const fd = fs.openSync(diskPath, 'r');
  try {
    const buffer = sniffBuffer;
    const read = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Turn the command line's paths into the files to lint. Directories are walked with
 * fast-glob; each file is classified by name, place and content. Unknown files found in a
 * directory are skipped silently; unknown files named explicitly are reported.
 */
export function discover(paths: readonly string[], forcedKind?: FileKind): Discovery {
  const files: DiscoveredFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const seen = new Set<string>();
  const add = (diskPath: string, explicit: boolean): void => {
    const absolute = path.resolve(diskPath);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    let kind: FileKind | undefined = forcedKind;
    try {
      const stat = fs.statSync(absolute);
      if (!stat.isFile()) return;
      if (stat.size > MAX_FILE_BYTES) {
        if (explicit) problems.push({ diskPath: absolute, message: `larger than ${MAX_FILE_BYTES} bytes; not linted` });
        return;
      }
      kind ??= classify(absolute, readHead(absolute));
    } catch (error) {
      if (explicit) problems.push({ diskPath: absolute, message: describeFsError(error) });
      return;
    }
    if (kind) files.push({ diskPath: absolute, kind, explicit });
    else if (explicit) {
      problems.push({
        diskPath: absolute,
        message: 'not recognised as an nginx, Apache, .htaccess or htpasswd file; use --type to say which it is',
      });
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      problems.push({ diskPath: absolute, message: describeFsError(error) });
      continue;
    }
    if (!stat.isDirectory()) {
      add(absolute, true);
      continue;
    }
    const entries = globSync('**', {
      cwd: absolute,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: IGNORED_DIRS,
      suppressErrors: true,
    });
    entries.sort();
    for (const entry of entries) add(path.join(absolute, entry), false);
  }
  return { files, problems };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
