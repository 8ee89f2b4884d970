import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { CORPUS, listCorpusFiles, describeCorpus } from './helpers/crossplane';

describeCorpus('every file of ../shared/corpus/nginx lints without a crash', () => {
  const files = listCorpusFiles(path.join(CORPUS, 'nginx'));

  test.each(['nginx'])('the whole corpus/%s tree in one run', (dir) => {
    const result = lint([path.join(CORPUS, dir)]);
    expect(result.files.length).toBeGreaterThan(300);
    for (const finding of result.findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.endLine).toBeGreaterThanOrEqual(finding.line);
      // Files are reported by their real path: ../shared may be a link to the corpus.
      expect(finding.file.startsWith(CORPUS) || finding.file.startsWith(fs.realpathSync(CORPUS))).toBe(true);
    }
  });

  test('each file on its own, named explicitly, as nginx', () => {
    for (const rel of files) {
      const result = lint([path.join(CORPUS, 'nginx', rel)], { type: 'nginx' });
      expect(result.files.length).toBeGreaterThanOrEqual(1);
    }
  });
});
