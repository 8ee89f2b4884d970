import * as fs from 'node:fs';

/** Whether a path on disk is a directory (links followed); false when it cannot be stat'ed. */
export function isDirectory(diskPath: string): boolean {
  try {
    return fs.statSync(diskPath).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a path on disk is a regular file (links followed); false when it cannot be stat'ed. */
export function isRegularFile(diskPath: string): boolean {
  try {
    return fs.statSync(diskPath).isFile();
  } catch {
    return false;
  }
}
