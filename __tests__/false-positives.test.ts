import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { CORPUS, testCorpus } from './helpers/crossplane';

/**
 * The false-positive review of ../shared/corpus/nginx, kept honest: the error and warning
 * counts per rule must equal the reviewed counts in fixtures/false-positives/nginx-corpus.json.
 */
const review = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/false-positives/nginx-corpus.json'), 'utf8')) as {
  rules: Record<string, { count: number; truePositives: number; falsePositives: number }>;
};

testCorpus('errors and warnings on the nginx corpus are exactly the reviewed ones', () => {
  const counts: Record<string, number> = {};
  for (const finding of lint([path.join(CORPUS, 'nginx')]).findings) {
    if (finding.severity === 'info') continue;
    counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
  }
  const reviewed = Object.fromEntries(Object.entries(review.rules).map(([rule, entry]) => [rule, entry.count]));
  expect(counts).toEqual(reviewed);
  for (const entry of Object.values(review.rules)) {
    expect(entry.truePositives + entry.falsePositives).toBe(entry.count);
    expect(entry.falsePositives).toBe(0);
  }
});

testCorpus('errors and warnings on the Apache corpus are exactly the reviewed ones', () => {
  const apacheReview = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/false-positives/apache-corpus.json'), 'utf8')) as typeof review;
  const counts: Record<string, number> = {};
  for (const finding of lint([path.join(CORPUS, 'apache')]).findings) {
    if (finding.severity === 'info') continue;
    counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
  }
  expect(counts).toEqual(Object.fromEntries(Object.entries(apacheReview.rules).map(([rule, entry]) => [rule, entry.count])));
});
