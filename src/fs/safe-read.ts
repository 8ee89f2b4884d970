import * as fs from 'node:fs';
import * as path from 'node:path';

/** What one read gave: the bytes (at most the cap), or why nothing was read. */
export type FileRead =
  | { readonly ok: true; readonly bytes: Buffer; readonly truncated: boolean; readonly stat: fs.Stats }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** The default cap for a config or password file: larger files are cut and said to be. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/**
 * The one way authlint reads a file's bytes. It never blocks and never reads without bound:
 * - only regular files are opened (checked with stat before the open, so that a FIFO or a
 *   device is never opened at all, and with fstat on the descriptor after it, against a swap);
 * - the open is non-blocking, so a FIFO swapped in between the two checks cannot hang it;
 * - with `confine` (the --root directory's real path), the opened file's real path is read back
 *   from the descriptor and must lie inside it — whatever links the path went through;
 * - at most `maxBytes` are read, whatever the file says its size is (/proc files say 0).
 */
export function readRegularFile(diskPath: string, options: { maxBytes?: number; confine?: string } = {}): FileRead {
  const maxBytes = options.maxBytes ?? MAX_CONFIG_BYTES;
  const opened = openRegularFile(diskPath, options);
  if (!opened.ok) return opened;
  const { fd, stat } = opened;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    let truncated = false;
    for (;;) {
      // The first read asks for the size stat gave (plus one, to see growth): a 2 KB config
      // then costs one small buffer, not a 64 KiB one (/proc files say 0 and take chunks).
      const want = Math.min(total === 0 && stat.size > 0 ? stat.size + 1 : CHUNK, maxBytes + 1 - total);
      if (want <= 0) {
        truncated = true;
        break;
      }
      const buffer = Buffer.allocUnsafe(want);
      let read: number;
      try {
        read = fs.readSync(fd, buffer, 0, want, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw error;
      }
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
    }
    let bytes = Buffer.concat(chunks, total);
    if (bytes.length > maxBytes) {
      bytes = bytes.subarray(0, maxBytes);
      truncated = true;
    }
    return { ok: true, bytes, truncated, stat };
  } catch (error) {
    return failure(error);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Open a regular file for reading in parts (a password file too big to hold at once), with the
 * checks readRegularFile makes: a regular file, opened non-blocking, inside `confine`. The caller
 * reads with readSpan and closes the descriptor.
 */
export function openRegularFile(diskPath: string, options: { confine?: string } = {}): { ok: true; fd: number; stat: fs.Stats } | { ok: false; code: string; message: string } {
  let before: fs.Stats;
  try {
    before = fs.statSync(diskPath);
  } catch (error) {
    return failure(error);
  }
  if (!before.isFile()) return notRegular(before);
  // Checked before the open, so that a file outside is never opened at all, and again on the
  // descriptor after it, so that a link swapped in between cannot lead out either.
  if (options.confine !== undefined && !isInside(options.confine, realPathOrSelf(diskPath))) return outsideRoot();
  let fd: number;
  try {
    fd = fs.openSync(diskPath, OPEN_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      fs.closeSync(fd);
      return notRegular(stat);
    }
    if (options.confine !== undefined && !isInside(options.confine, realPathOfDescriptor(fd, diskPath))) {
      fs.closeSync(fd);
      return outsideRoot();
    }
    return { ok: true, fd, stat };
  } catch (error) {
    fs.closeSync(fd);
    return failure(error);
  }
}

/** Up to `length` bytes of an open file from `position` (fewer at its end). */
export function readSpan(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let total = 0;
  while (total < length) {
    const read = fs.readSync(fd, buffer, total, length - total, position + total);
    if (read === 0) break;
    total += read;
  }
  return buffer.subarray(0, total);
}

/** Text of a regular file, as UTF-8, or the reason it could not be read. */
export function readTextFile(diskPath: string, options: { maxBytes?: number; confine?: string } = {}): { ok: true; text: string; truncated: boolean } | { ok: false; message: string } {
  const read = readRegularFile(diskPath, options);
  if (!read.ok) return { ok: false, message: read.message };
  return { ok: true, text: read.bytes.toString('utf8'), truncated: read.truncated };
}

/** Whether `candidate` (a real path) is `root` or lies below it. */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative);
}

/** The real path behind an open descriptor (Linux: /proc/self/fd); elsewhere realpath of the name. */
function realPathOfDescriptor(fd: number, diskPath: string): string {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return fs.realpathSync.native(diskPath);
  }
}

function outsideRoot(): { ok: false; code: string; message: string } {
  return { ok: false, code: 'EOUTSIDE', message: 'its real path lies outside the --root directory; not read' };
}

function realPathOrSelf(diskPath: string): string {
  try {
    return fs.realpathSync.native(diskPath);
  } catch {
    return path.resolve(diskPath);
  }
}

function notRegular(stat: fs.Stats): { ok: false; code: string; message: string } {
  const what = stat.isDirectory()
    ? 'is a directory'
    : stat.isFIFO()
      ? 'is a FIFO (named pipe), not a regular file; not read'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'is a device, not a regular file; not read'
        : stat.isSocket()
          ? 'is a socket, not a regular file; not read'
          : 'is not a regular file; not read';
  return { ok: false, code: stat.isDirectory() ? 'EISDIR' : 'ESPECIAL', message: what };
}

function failure(error: unknown): { ok: false; code: string; message: string } {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  return { ok: false, code, message: describeFsError(error) };
}

/** A file system error in words a user reads (no errno numbers, no stack). */
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
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
