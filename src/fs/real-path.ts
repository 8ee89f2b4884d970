import * as fs from 'node:fs';
import * as path from 'node:path';

const cache = new Map<string, string>();

/**
 * The real path of a file (symbolic links resolved), or its absolute path when it does not
 * exist. Memoised for the life of the process: a lint run asks for the same few hundred
 * paths many times, and the files do not move under it.
 */
export function realPath(diskPath: string): string {
  const cached = cache.get(diskPath);
  if (cached !== undefined) return cached;
  let real: string;
  try {
    // The native call is one realpath(3); the JS one lstats every component.
    real = fs.realpathSync.native(diskPath);
  } catch {
    real = path.resolve(diskPath);
  }
  cache.set(diskPath, real);
  return real;
}
