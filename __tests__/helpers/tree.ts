import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Write a temporary tree from {relative path: content}; a value {link} makes a symbolic link. */
export function makeTree(files: Record<string, string | { link: string }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(target, content);
    else fs.symlinkSync(content.link, target);
  }
  return dir;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every regular file below `dir` (symbolic links are not followed), as full paths. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Rewrite the text of every file below `dir` that `edit` changes (the others are left untouched). */
export function editFiles(dir: string, edit: (text: string, file: string) => string): void {
  for (const file of filesBelow(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const out = edit(text, file);
    if (out !== text) fs.writeFileSync(file, out);
  }
}
