import * as fs from 'node:fs';
import type { DiskLocation, PathResolver } from './rooted-paths';
import { sortBytes } from './walk';
import { isDirectory } from './stat-kind';

/** A glob's matches: server paths, byte-sorted, each resolved through the resolver. */
export interface GlobExpansion {
  readonly matches: { readonly serverPath: string; readonly location: DiskLocation }[];
  /** The first directory the pattern needed that lies outside --root. */
  readonly refused?: Extract<DiskLocation, { ok: false }>;
  /** Whether the directory before the first wildcard exists (httpd's error text depends on it). */
  readonly baseExists: boolean;
  /** Set when the expansion stopped at its bound. */
  readonly cutShort?: string;
}

/** Matches a pattern can have at the most: a glob over a huge or hostile tree stops there. */
export const MAX_GLOB_MATCHES = 10_000;

/** Whether a path holds glob(3) wildcards (`*`, `?`, `[`). */
export function hasGlobMagic(value: string): boolean {
  return /[*?[]/.test(value);
}

/**
 * Expand an absolute server-side pattern the way glob(3) (nginx) and apr_fnmatch (httpd) do —
 * `*`, `?` and `[…]` in any component, no braces or `**`, names starting with a dot only when
 * the pattern's component does — but one directory at a time through the rooted resolver. Each
 * directory listed is the resolver's answer for the server path so far, so symbolic links are
 * followed as the server would and never out of --root; host directories are never listed.
 */
export function expandRootedGlob(serverPattern: string, resolver: PathResolver): GlobExpansion {
  const parts = serverPattern.split('/').filter((part) => part !== '');
  const firstMagic = parts.findIndex(hasGlobMagic);
  const base = '/' + parts.slice(0, firstMagic < 0 ? parts.length : firstMagic).join('/');
  const baseLocation = resolver.toDisk(base);
  const baseExists = baseLocation.ok && !baseLocation.missing && isDirectory(baseLocation.diskPath);
  if (!baseLocation.ok) return { matches: [], refused: baseLocation, baseExists: false };
  let prefixes = [base === '/' ? '' : base];
  let refused: Extract<DiskLocation, { ok: false }> | undefined;
  let cutShort: string | undefined;
  for (const part of parts.slice(firstMagic < 0 ? parts.length : firstMagic)) {
    const next: string[] = [];
    if (!hasGlobMagic(part)) {
      for (const prefix of prefixes) next.push(`${prefix}/${part}`);
    } else {
      const matcher = segmentMatcher(part);
      for (const prefix of prefixes) {
        const location = resolver.toDisk(prefix || '/');
        if (!location.ok) {
          refused ??= location;
          continue;
        }
        if (location.missing) continue;
        let names: string[];
        try {
          names = fs.readdirSync(location.diskPath);
        } catch {
          continue;
        }
        for (const name of sortBytes(names)) {
          if (!matcher(name)) continue;
          if (next.length >= MAX_GLOB_MATCHES) {
            cutShort = `stopped after ${MAX_GLOB_MATCHES} matches`;
            break;
          }
          next.push(`${prefix}/${name}`);
        }
      }
    }
    prefixes = next;
  }
  // glob(3) returns names that exist as directory entries, a dangling symbolic link included
  // (nginx then fails to open it); the caller decides what a match that cannot be read means.
  const matches = sortBytes(prefixes)
    .filter((serverPath) => entryExists(serverPath, resolver))
    .map((serverPath) => ({ serverPath, location: resolver.toDisk(serverPath) }));
  return { matches, baseExists, ...(refused ? { refused } : {}), ...(cutShort ? { cutShort } : {}) };
}

/** One path component's pattern as a test: `*` and `?` never match a leading dot unless written. */
function segmentMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => '\\' + m)}]`;
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) {
      source += escapeRegex(pattern[++i]);
    } else source += escapeRegex(c);
  }
  const regex = new RegExp(`^${source}$`, 's');
  const dotExplicit = pattern.startsWith('.');
  return (name) => (dotExplicit || !name.startsWith('.')) && name !== '.' && name !== '..' && regex.test(name);
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

/** Whether the last component of a server path is an entry of its (resolved) directory, link or not. */
function entryExists(serverPath: string, resolver: PathResolver): boolean {
  const slash = serverPath.lastIndexOf('/');
  const parent = resolver.toDisk(serverPath.slice(0, slash) || '/');
  if (!parent.ok) return true; // the caller reports the refusal
  if (parent.missing) return false;
  try {
    fs.lstatSync(`${parent.diskPath}/${serverPath.slice(slash + 1)}`);
    return true;
  } catch {
    return false;
  }
}

