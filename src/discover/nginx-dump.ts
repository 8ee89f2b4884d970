import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from '../fs/safe-read';

export interface DumpedFile {
  /** The path nginx read the file from. */
  readonly path: string;
  readonly text: string;
}

const HEADER = /^# configuration file (\/.*):$/gm;

/**
 * The files of an `nginx -T` dump. nginx writes, for every file it read, the line
 * "# configuration file PATH:", the file's text, and a line feed of its own; the first file is
 * the main config. A comment in a config that looks exactly like such a line would be taken for
 * one — the format leaves no other way to tell.
 */
export function parseNginxDump(dump: string): DumpedFile[] {
  const headers = [...dump.matchAll(HEADER)];
  return headers.map((header, i) => {
    const start = (header.index as number) + header[0].length + 1;
    const end = i + 1 < headers.length ? (headers[i + 1].index as number) : dump.length;
    const segment = dump.slice(start, end);
    // nginx's own line feed after the text.
    return { path: header[1], text: segment.endsWith('\n') ? segment.slice(0, -1) : segment };
  });
}

export interface WrittenDump {
  readonly dir: string;
  /** Dumped files that could not be written at their path (a path that is also a directory, too long…). */
  readonly skipped: readonly { path: string; message: string }[];
  /** Delete the directory; safe to call more than once. */
  readonly remove: () => void;
}

/** Temp directories alive now, removed on SIGINT/SIGTERM/SIGHUP as well as on every normal exit. */
const liveDirs = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

function onSignal(signal: (typeof SIGNALS)[number]): void {
  for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
  liveDirs.clear();
  process.exit(128 + SIGNAL_NUMBERS[signal]);
}

/** Listen for the signals before the directory exists, so that no signal can come in between. */
function listen(): void {
  if (liveDirs.size === 0) for (const signal of SIGNALS) if (!process.listeners(signal).includes(onSignal as NodeJS.SignalsListener)) process.on(signal, onSignal);
}

function untrack(dir: string): void {
  if (!liveDirs.delete(dir)) return;
  if (liveDirs.size === 0) for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

/**
 * Write the dumped files under a new private temp directory (mode 0700), at their own paths;
 * `remove` deletes it, and so does a signal. A dump's paths are normalised under the directory
 * (`/../../x` is `/x` there), so a hostile dump cannot write outside it; a file that cannot be
 * written (its path is also a directory, or too long) is skipped and said, and never leaves the
 * directory behind.
 */
export function writeDump(files: readonly DumpedFile[]): WrittenDump {
  listen();
  let dir: string;
  try {
    // node:os is loaded here, for the one run that writes a dump out, not at every start.
    dir = fs.mkdtempSync(path.join((require('node:os') as typeof import('node:os')).tmpdir(), 'authlint-dump-'));
  } catch (error) {
    if (liveDirs.size === 0) for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    throw error;
  }
  liveDirs.add(dir);
  const remove = (): void => {
    fs.rmSync(dir, { recursive: true, force: true });
    untrack(dir);
  };
  const skipped: { path: string; message: string }[] = [];
  try {
    for (const file of files) {
      const target = path.join(dir, path.resolve('/', file.path));
      if (!target.startsWith(dir + path.sep)) {
        skipped.push({ path: file.path, message: 'not a file path' });
        continue;
      }
      try {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.text, { flag: 'wx' });
      } catch (error) {
        skipped.push({ path: file.path, message: `not written: ${describeFsError(error)}` });
      }
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, skipped, remove };
}
