import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NginxNode, NginxWord } from '../../src/parsers/nginx/ast';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const CORPUS = path.join(SHARED, 'corpus');

/**
 * Whether ../shared/corpus is there. A clone of this repository alone has no ../shared: the
 * corpus tests then skip, loudly — except under CI=true, where a missing corpus is a failure.
 */
export const HAVE_CORPUS = fs.existsSync(CORPUS);
if (!HAVE_CORPUS) {
  if (process.env.CI === 'true') throw new Error(`${CORPUS} is missing: the corpus tests must run under CI=true`);
  console.warn(`SKIPPED: ${CORPUS} is not there, so the tests on real-world configs do not run (they need ../shared/ beside this repository)`);
}
/** describe() for tests that read the corpus: skipped (with the warning above) when it is absent. */
export const describeCorpus = HAVE_CORPUS ? describe : describe.skip;
/** test() for tests that read the corpus. */
export const testCorpus = HAVE_CORPUS ? test : test.skip;

export interface FlatDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly line: number;
  readonly depth: number;
}

interface CrossplaneDirective {
  directive: string;
  line: number;
  args: string[];
  block?: CrossplaneDirective[];
}

/** crossplane's rendering of a word: quotes removed, only \<samequote> unescaped, other escapes kept. */
export function crossplaneArg(word: NginxWord): string {
  if (word.luaBlock) return word.value;
  if (!word.quote) return word.raw;
  return word.raw.slice(1, -1).split('\\' + word.quote).join(word.quote);
}

/** crossplane strips the parentheses of `if (…)` (its _prepare_if_args). */
function prepareIfArgs(args: string[]): string[] {
  if (args.length > 0 && args[0].startsWith('(') && args[args.length - 1].endsWith(')')) {
    const out = [...args];
    out[0] = out[0].slice(1).trimStart();
    out[out.length - 1] = out[out.length - 1].slice(0, -1).trimEnd();
    const start = out[0] === '' ? 1 : 0;
    const end = out.length - (out[out.length - 1] === '' ? 1 : 0);
    return out.slice(start, end);
  }
  return args;
}

export function flattenOurs(nodes: readonly NginxNode[], depth = 0, out: FlatDirective[] = []): FlatDirective[] {
  for (const node of nodes) {
    if (node.type !== 'directive') continue;
    let args = node.args.map(crossplaneArg);
    if (node.name === 'if') args = prepareIfArgs(args);
    out.push({ name: crossplaneArg(node.nameWord), args, line: node.range.start.line, depth });
    if (node.block) flattenOurs(node.block, depth + 1, out);
  }
  return out;
}

export function flattenCrossplane(parsed: CrossplaneDirective[], depth = 0, out: FlatDirective[] = []): FlatDirective[] {
  for (const d of parsed) {
    if (d.directive === '#') continue;
    out.push({ name: d.directive, args: d.args, line: d.line, depth });
    if (d.block) flattenCrossplane(d.block, depth + 1, out);
  }
  return out;
}

export function loadCrossplane(relative: string): { status: string; parsed: CrossplaneDirective[] } {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, 'nginx-crossplane', relative + '.json'), 'utf8'));
}

export function sameDirective(a: FlatDirective, b: FlatDirective): boolean {
  return (
    a.name === b.name &&
    a.line === b.line &&
    a.depth === b.depth &&
    a.args.length === b.args.length &&
    a.args.every((arg, i) => arg === b.args[i])
  );
}

export function listCorpusFiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

export interface Alignment {
  readonly matched: number;
  /** crossplane directives with no equal directive on our side, in order. */
  readonly onlyCrossplane: FlatDirective[];
  /** our directives with no equal directive on crossplane's side, in order. */
  readonly onlyOurs: FlatDirective[];
}

/** Longest-common-subsequence alignment, so one disagreement does not shift every later directive. */
export function align(ours: FlatDirective[], theirs: FlatDirective[]): Alignment {
  const n = ours.length;
  const m = theirs.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = sameDirective(ours[i], theirs[j])
        ? table[i + 1][j + 1] + 1
        : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const onlyOurs: FlatDirective[] = [];
  const onlyCrossplane: FlatDirective[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (sameDirective(ours[i], theirs[j])) {
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) onlyOurs.push(ours[i++]);
    else onlyCrossplane.push(theirs[j++]);
  }
  while (i < n) onlyOurs.push(ours[i++]);
  while (j < m) onlyCrossplane.push(theirs[j++]);
  return { matched: table[0][0], onlyCrossplane, onlyOurs };
}
