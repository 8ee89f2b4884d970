import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNginx } from '../src/parsers/nginx/parser';
import { CORPUS, align, flattenCrossplane, flattenOurs, listCorpusFiles, loadCrossplane, describeCorpus } from './helpers/crossplane';

interface Listed {
  notNginx: { file: string; reason: string }[];
  disagreements: { file: string; lines: number[]; reason: string }[];
}

const listed: Listed = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/parser/crossplane-disagreements.json'), 'utf8'),
);
const notNginx = new Set(listed.notNginx.map((entry) => entry.file));
const files = listCorpusFiles(path.join(CORPUS, 'nginx'));

function parseCorpus(rel: string) {
  return parseNginx(fs.readFileSync(path.join(CORPUS, 'nginx', rel), 'utf8'));
}

describeCorpus('nginx parser against crossplane (reference parse of ../shared/corpus/nginx)', () => {
  let matched = 0;
  let total = 0;
  const actual = new Map<string, number[]>();

  beforeAll(() => {
    for (const rel of files) {
      if (notNginx.has(rel)) continue;
      const alignment = align(flattenOurs(parseCorpus(rel).nodes), flattenCrossplane(loadCrossplane(rel).parsed));
      matched += alignment.matched;
      total += alignment.matched + alignment.onlyCrossplane.length;
      const lines = [...alignment.onlyCrossplane, ...alignment.onlyOurs].map((d) => d.line);
      if (lines.length > 0) actual.set(rel, [...new Set(lines)].sort((a, b) => a - b));
    }
  });

  test('the corpus and its reference parse are both there', () => {
    expect(files.length).toBeGreaterThan(400);
  });

  test('at least 99.5% of crossplane directives agree in name, arguments, line and depth', () => {
    expect(total).toBeGreaterThan(7000);
    expect(matched / total).toBeGreaterThanOrEqual(0.995);
    // eslint-disable-next-line no-console
    if (process.env.AUTHLINT_VERBOSE) console.log(`crossplane fidelity: ${matched}/${total} directives agree (${((100 * matched) / total).toFixed(2)}%)`);
  });

  test('every disagreement is listed with its reason, and nothing listed has gone away', () => {
    const expected = Object.fromEntries(listed.disagreements.map((entry) => [entry.file, entry.lines]));
    expect(Object.fromEntries(actual)).toEqual(expected);
    for (const entry of listed.disagreements) expect(entry.reason.length).toBeGreaterThan(20);
  });

  test('files listed as templates really are not nginx syntax: the parser reports an error', () => {
    for (const entry of listed.notNginx) {
      expect(files).toContain(entry.file);
      expect(parseCorpus(entry.file).errors.length).toBeGreaterThan(0);
    }
  });
});
