import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from '../fs/glob';
import type { DiskLocation, PathResolver } from '../fs/rooted-paths';

export interface IncludeMatch {
  readonly serverPath: string;
  readonly location: DiskLocation;
}

export interface IncludeExpansion {
  readonly isGlob: boolean;
  readonly matches: readonly IncludeMatch[];
  /** Set when the glob's directory itself lies outside --root. */
  readonly refused?: Extract<DiskLocation, { ok: false }>;
}

/** nginx treats a path as a pattern when it contains one of these (ngx_conf_include). */
export function hasGlobMagic(value: string): boolean {
  return /[*?[]/.test(value);
}

/**
 * Expand an `include` argument (already made absolute against the conf prefix) the way
 * nginx does with glob(3): `*`, `?` and `[…]` only (no braces, no `**`), no hidden files
 * for a leading `*`, results sorted by byte value. A pattern that matches nothing is not an
 * error; a plain path is returned as is and checked by the caller.
 */
export function expandInclude(serverPattern: string, resolver: PathResolver): IncludeExpansion {
  if (!hasGlobMagic(serverPattern)) {
    return { isGlob: false, matches: [{ serverPath: serverPattern, location: resolver.toDisk(serverPattern) }] };
  }
  const parts = serverPattern.split('/');
  const firstMagic = parts.findIndex(hasGlobMagic);
  const staticDir = parts.slice(0, firstMagic).join('/') || '/';
  const remainder = parts.slice(firstMagic).join('/');
  const dirLocation = resolver.toDisk(staticDir);
  if (!dirLocation.ok) return { isGlob: true, matches: [], refused: dirLocation };
  let entries: string[];
  try {
    entries = globSync(remainder, {
      cwd: dirLocation.diskPath,
      dot: false,
      onlyFiles: false,
      followSymbolicLinks: true,
      braceExpansion: false,
      extglob: false,
      globstar: false,
      caseSensitiveMatch: true,
      suppressErrors: true,
    });
  } catch {
    entries = [];
  }
  entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const matches: IncludeMatch[] = [];
  for (const entry of entries) {
    const serverPath = path.posix.join(staticDir, entry);
    const location = resolver.toDisk(serverPath);
    if (location.ok && isDirectory(location.diskPath)) continue;
    matches.push({ serverPath, location });
  }
  return { isGlob: true, matches };
}

function isDirectory(diskPath: string): boolean {
  try {
    return fs.statSync(diskPath).isDirectory();
  } catch {
    return false;
  }
}
