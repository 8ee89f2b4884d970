import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PathResolver } from '../../src/fs/rooted-paths';
import { isInside } from '../../src/fs/safe-read';

/**
 * A property of the rooted resolver: for any path made of names, `.`, `..`, missing components
 * and symbolic links (inside the root, climbing out of it, absolute, looping), the answer is
 * either a refusal or a disk path whose real location is inside the root — never a path the
 * kernel would resolve to a file outside.
 */

let base: string;
let root: string;
let outside: string;

beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-prop-')));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
  fs.mkdirSync(path.join(outside, 'a/b'), { recursive: true });
  for (const dir of ['', 'a', 'a/b', 'a/b/c']) fs.writeFileSync(path.join(root, dir, 'f'), 'inside');
  for (const dir of ['', 'a', 'a/b']) fs.writeFileSync(path.join(outside, dir, 'f'), 'outside');
  const links: [string, string][] = [
    ['a/in', 'b'],
    ['a/b/up', '../..'],
    ['a/b/out', '../../../outside'],
    ['a/b/c/far', '../../../../outside/a'],
    ['abs', '/a/b'],
    ['absout', outside],
    ['loop', 'loop'],
    ['self', '.'],
    ['a/dangling', 'nowhere/x'],
    ['a/b/c/root', '/'],
  ];
  for (const [link, target] of links) fs.symlinkSync(target, path.join(root, link));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const NAMES = ['a', 'b', 'c', 'f', 'in', 'up', 'out', 'far', 'abs', 'absout', 'loop', 'self', 'dangling', 'root', 'missing', 'outside', '..', '.', '..', '..'];

test('every path resolves inside the root or is refused', () => {
  const resolver = new PathResolver(root);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 12 }), (parts) => {
      const serverPath = '/' + parts.join('/');
      const location = resolver.toDisk(serverPath);
      if (!location.ok) return true;
      let real: string;
      try {
        real = fs.realpathSync(location.diskPath);
      } catch {
        // Nothing there for the kernel either; the lexical answer must still be inside.
        return isInside(root, path.resolve(location.diskPath));
      }
      if (!isInside(root, real)) throw new Error(`${serverPath} → ${location.diskPath} → ${real}, outside the root`);
      // And the one reader agrees: it never returns outside bytes.
      const read = resolver.readFile(location.diskPath);
      if (read.ok && read.bytes.toString() === 'outside') throw new Error(`${serverPath} read an outside file`);
      return true;
    }),
    { numRuns: 3000 },
  );
});
