import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The import graph points down: each area of src/ imports only areas below it (or itself), so
 * the pipeline reads discover → load → model → rules → report and the CLI stays on top. Rules
 * never touch the disk: they get every file from the model, read once through the rooted resolver.
 */

const SRC = path.join(__dirname, '../src');

/** Lowest first. An area may import its own files and any area listed before it. */
const LAYERS: readonly string[][] = [
  ['core', 'version'],
  ['fs'],
  ['parsers'],
  ['http'],
  ['htpasswd'],
  ['nginx'],
  ['apache'],
  ['discover'],
  ['engine'],
  ['rules'],
  ['lint', 'lint-password-files'],
  ['config'],
  ['reporters'],
  ['logs', 'probe'],
  ['commands'],
  ['cli'],
];

const layerOf = (area: string): number => {
  const index = LAYERS.findIndex((layer) => layer.includes(area));
  if (index < 0) throw new Error(`src/${area} is in no layer: add it to LAYERS in __tests__/architecture.test.ts`);
  return index;
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const areaOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0].replace(/\.ts$/, '');

test('every import points to the same or a lower layer', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = areaOf(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), match[1]);
      if (!target.startsWith(SRC)) continue;
      const to = areaOf(target);
      if (to !== from && layerOf(to) > layerOf(from)) upward.push(`${path.relative(SRC, file)} → ${match[1]} (${from} imports ${to})`);
    }
  }
  expect(upward).toEqual([]);
});

test('no rule reads the disk', () => {
  const offenders = sourceFiles(path.join(SRC, 'rules')).filter((file) => /from '(node:)?fs'|require\('(node:)?fs'\)/.test(fs.readFileSync(file, 'utf8')));
  expect(offenders.map((file) => path.relative(SRC, file))).toEqual([]);
});
