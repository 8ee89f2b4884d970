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
