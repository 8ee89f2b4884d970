import { expandRootedGlob, hasGlobMagic } from '../fs/rooted-glob';
import type { DiskLocation, PathResolver } from '../fs/rooted-paths';
import { isDirectory } from '../fs/stat-kind';

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

/**
 * Expand an `include` argument (already made absolute against the conf prefix) the way
 * nginx does with glob(3): `*`, `?` and `[…]` only (no braces, no `**`), no hidden files
 * for a leading `*`, results sorted by byte value, directories left out. A pattern that
 * matches nothing is not an error; a plain path is returned as is and checked by the caller.
 */
export function expandInclude(serverPattern: string, resolver: PathResolver): IncludeExpansion {
  if (!hasGlobMagic(serverPattern)) {
    return { isGlob: false, matches: [{ serverPath: serverPattern, location: resolver.toDisk(serverPattern) }] };
  }
  const expansion = expandRootedGlob(serverPattern, resolver);
  const matches = expansion.matches.filter((match) => !(match.location.ok && isDirectory(match.location.diskPath)));
  return { isGlob: true, matches, ...(expansion.refused ? { refused: expansion.refused } : {}) };
}

