import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHtpasswd } from '../src/parsers/htpasswd/parser';
import { nginxView } from '../src/htpasswd/views';
import { main } from '../src/cli';
import { CORPUS, listCorpusFiles, testCorpus } from './helpers/crossplane';
import { cleanupFixtures, fixtureRoot, ruleFixtureNames } from './helpers/fixtures';

afterAll(cleanupFixtures);

/** Run the CLI in this process (a run per format per tree would be slow as child processes). */
async function runInProcess(args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd(), stdoutIsTTY: false });
  return { stdout, stderr };
}

/** Every secret in a password file: hashes longer than a scheme prefix, and plaintext passwords. */
function secretsOf(file: string): string[] {
  const view = nginxView(parseHtpasswd(fs.readFileSync(file)));
  return view.entries.map((entry) => entry.hash.trim()).filter((hash) => hash.length >= 6);
}

describe('authlint never prints a password hash or a plaintext password in full', () => {
  const trees = ruleFixtureNames('htpasswd').flatMap((rule) => ['bad', 'good'].map((kind) => `htpasswd/${rule}/${kind}`));

  test.each(trees)('%s, in every output format', async (tree) => {
    const root = fixtureRoot(tree);
    const secrets = secretsOf(path.join(root, 'etc/nginx/htpasswd'));
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const result = await runInProcess(['--root', root, path.join(root, 'etc/nginx'), '-f', format, '--color']);
      for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  testCorpus('the htpasswd corpus, linted as a whole', async () => {
    const files = listCorpusFiles(path.join(CORPUS, 'htpasswd')).map((rel) => path.join(CORPUS, 'htpasswd', rel));
    const secrets = files.flatMap(secretsOf).filter((secret) => secret.length >= 8);
    expect(secrets.length).toBeGreaterThan(20);
    const result = await runInProcess([path.join(CORPUS, 'htpasswd'), '-f', 'json']);
    expect(JSON.parse(result.stdout).files.length).toBe(files.length);
    for (const secret of secrets) expect(result.stdout).not.toContain(secret);
  });
});
