import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type LintResult } from '../src/lint';
import type { Finding } from '../src/core/finding';
import { CORPUS, testCorpus } from './helpers/crossplane';

/**
 * Real-world configs nobody here wrote: the web-server files Debian's packages ship
 * (fixtures/real-world/debian, rebuilt by scripts/collect-debian-configs.sh; sources and
 * licences in its MANIFEST.tsv), and the shared corpus. authlint must recognise each file as
 * what it is, report no error or warning an admin would disagree with (the reviewed counts in
 * fixtures/false-positives/real-world.json), no syntax error on files the server accepts, and
 * lose no finding between a run on one file and a run on its whole directory.
 */
const DEBIAN = path.join(__dirname, '..', 'fixtures', 'real-world', 'debian');
const REVIEW = path.join(__dirname, '..', 'fixtures', 'false-positives', 'real-world.json');

interface ManifestRow {
  readonly localPath: string;
  readonly expectedKind: string;
}

function manifest(): ManifestRow[] {
  const [header, ...rows] = fs.readFileSync(path.join(DEBIAN, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const columns = header.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return { localPath: cells[columns.indexOf('local_path')], expectedKind: cells[columns.indexOf('expected_kind')] };
  });
}

const shown = (finding: Finding): string => `${finding.ruleId} ${finding.file}:${finding.line}`;
const errorsAndWarnings = (result: LintResult): Finding[] => result.findings.filter((f) => f.severity !== 'info');

test('the collected set has a source and a licence for every file', () => {
  const rows = fs.readFileSync(path.join(DEBIAN, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  expect(rows.length).toBeGreaterThan(100);
  for (const row of rows) {
    const [localPath, pkg, version, inPackage, license] = row.split('\t');
    expect(fs.existsSync(path.join(DEBIAN, localPath))).toBe(true);
    expect([pkg, version, inPackage, license].every((cell) => cell && cell.length > 0)).toBe(true);
  }
});

test('every file named on the command line is recognised as what it is, and nothing else is taken for a config', () => {
  const wrong: string[] = [];
  for (const row of manifest()) {
    const file = path.join(DEBIAN, row.localPath);
    const result = lint([file]);
    const kind = result.files.find((f) => f.file === file)?.type ?? 'none';
    if (kind !== row.expectedKind) wrong.push(`${row.localPath}: ${kind}, expected ${row.expectedKind}`);
  }
  expect(wrong).toEqual([]);
});

describe('a directory run over the collected set', () => {
  const result = lint([DEBIAN]);

  test('reports exactly the reviewed errors and warnings', () => {
    const review = JSON.parse(fs.readFileSync(REVIEW, 'utf8')) as { rules: Record<string, { count: number }> };
    const counts: Record<string, number> = {};
    for (const finding of errorsAndWarnings(result)) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
    expect(counts).toEqual(Object.fromEntries(Object.entries(review.rules).map(([rule, entry]) => [rule, entry.count])));
  });

  test('reports no syntax error: every file is one its server accepts', () => {
    expect(result.findings.filter((f) => /\/syntax$/.test(f.ruleId)).map(shown)).toEqual([]);
  });
});

/** Every error and warning a run on one file reports on that file, the run on the whole directory reports too. */
function lostBetweenRuns(dir: string): string[] {
  const whole = lint([dir]);
  const reported = new Set(whole.findings.map(shown));
  const lost: string[] = [];
  for (const file of whole.files.map((f) => f.file).filter((f) => f.startsWith(`${dir}${path.sep}`))) {
    for (const finding of errorsAndWarnings(lint([file]))) {
      if (finding.file === file && !reported.has(shown(finding))) lost.push(shown(finding));
    }
  }
  return lost;
}

test('no finding is lost between per-file and directory runs (Debian set)', () => {
  expect(lostBetweenRuns(DEBIAN)).toEqual([]);
});

testCorpus.each(['nginx', 'apache'])('no finding is lost between per-file and directory runs (shared corpus, %s)', (server) => {
  expect(lostBetweenRuns(path.join(CORPUS, server))).toEqual([]);
}, 300_000);
