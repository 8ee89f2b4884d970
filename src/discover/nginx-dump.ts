import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

/** Write the dumped files under a new temp directory, at their own paths; `remove` deletes it. */
export function writeDump(files: readonly DumpedFile[]): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-dump-'));
  for (const file of files) {
    const target = path.join(dir, path.resolve(file.path));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
