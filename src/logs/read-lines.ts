import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

/** A line longer than this is cut (and counted): a hostile log cannot make one line fill memory. */
export const MAX_LINE_CHARS = 64 * 1024;

export interface LineSource {
  /** The name shown in reports (a path, or "-" for standard input). */
  readonly name: string;
  open(): Readable;
}

/** A log file, read as a stream; gzip (rotated `.gz`, or gzip magic bytes) is inflated on the way. */
export function fileSource(file: string): LineSource {
  return {
    name: file,
    open() {
      const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
      return isGzip(file) ? stream.pipe(zlib.createGunzip()) : stream;
    },
  };
}

/** Standard input (`authlint logs -`), inflated when it starts with gzip's magic bytes. */
export function stdinSource(stdin: Readable): LineSource {
  return { name: '-', open: () => stdin };
}

function isGzip(file: string): boolean {
  if (file.endsWith('.gz')) return true;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Call `onLine` for every line of a source, in order, in constant memory: the stream is read in
 * chunks, a line is cut at MAX_LINE_CHARS, and `onBytes` reports progress (raw bytes read).
 */
export async function forEachLine(source: LineSource, onLine: (line: string, number: number) => void, onBytes?: (bytes: number) => void): Promise<{ lines: number; bytes: number; cutLines: number }> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let carryCut = false;
  let number = 0;
  let bytes = 0;
  let cutLines = 0;
  const stream = source.open();
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    onBytes?.(bytes);
    const text = decoder.write(buffer);
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      let line = carry === '' ? text.slice(start, end) : carry + text.slice(start, end);
      if (carryCut || line.length > MAX_LINE_CHARS) {
        line = line.slice(0, MAX_LINE_CHARS);
        cutLines++;
      }
      carry = '';
      carryCut = false;
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line, ++number);
      start = end + 1;
    }
    if (start < text.length) {
      if (carryCut) continue;
      carry += text.slice(start);
      if (carry.length > MAX_LINE_CHARS) {
        carry = carry.slice(0, MAX_LINE_CHARS);
        carryCut = true;
      }
    }
  }
  const rest = carry + decoder.end();
  if (rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++number);
  return { lines: number, bytes, cutLines };
}
