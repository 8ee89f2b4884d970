import * as fs from 'node:fs';

/** What authlint reads from standard input at the most (an nginx -T dump, a password). */
export const MAX_STDIN_BYTES = 64 * 1024 * 1024;

/**
 * All of standard input, up to a cap: `cat /dev/zero | authlint -` must end with an error, not
 * fill memory. Returns undefined when the input is larger than the cap.
 */
export function readStdin(maxBytes: number = MAX_STDIN_BYTES, fd = 0): string | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) return undefined;
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
