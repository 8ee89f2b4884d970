import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesBelow } from './tree';

/**
 * The corpus stores its sources' symbolic links as small text files holding the target
 * (sites-enabled/default reads "../sites-available/default"). Make them links again where the
 * target is a file of the tree, so the server and authlint see the tree as its source has it.
 */
export function restoreSymlinks(root: string): void {
  for (const file of filesBelow(root)) {
    if (fs.statSync(file).size >= 256) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (!/^\.{1,2}\/[^\s]+$/.test(text)) continue;
    const target = path.resolve(path.dirname(file), text);
    if (!target.startsWith(root + path.sep) || !fs.existsSync(target) || !fs.statSync(target).isFile()) continue;
    fs.unlinkSync(file);
    fs.symlinkSync(text, file);
  }
}
