import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainApache } from '../src/commands/explain-apache';
import { PathResolver } from '../src/fs/rooted-paths';
import { fixturePath, ruleFixtureNames } from './helpers/fixtures';
import { digestRequest, findApache, RealApache } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';
import { scenarios as scenarioList } from './helpers/scenarios';

/**
 * `authlint explain` on Apache configurations against a real apache2: every fixture that
 * loads, several URIs each, anonymous / wrong / right credentials.
 */
const apache = findApache();
const run = requireServerOrSkip(apache, 'apache2') ? describe : describe.skip;
const URIS = ['/', '/admin/', '/admin/index.html', '/admin', '/nothing'];

const trees = ruleFixtureNames('apache').flatMap((rule) => ['bad', 'good'].map((kind) => `apache/${rule}/${kind}`));

run('authlint explain agrees with a real Apache', () => {
  test('every predicted status equals the real one on every fixture that loads', async () => {
    const disagreements: string[] = [];
    let compared = 0;
    const undecided: string[] = [];
    const notLoading: string[] = [];
    for (const tree of trees) {
      const root = fixturePath(tree);
      const server = await RealApache.prepare(apache as string, root);
      try {
        // Fixtures of rules about configurations that do not load have no requests to compare.
        if (!server.test().ok) {
          notLoading.push(tree);
          continue;
        }
        await server.start();
        for (const uri of URIS) {
          const result = explainApache({
            mainConfig: path.join(root, 'etc/apache2/apache2.conf'),
            url: `http://localhost:8080${uri}`,
            method: 'GET',
            client: '127.0.0.1',
            credentials: { user: 'alice', password: 's3cret-pass' },
            resolver: new PathResolver(root),
            platform: { platform: 'libxcrypt', source: 'test' },
          });
          if ('error' in result) throw new Error(result.error);
          const scenarios = scenarioList(result.explanation.predicted);
          for (const [label, prediction, creds] of scenarios) {
            // Under AuthType Digest, alice logs in as a browser does: answering the Digest challenge.
            const digest = label === 'alice' && result.explanation.auth.authType?.args[0]?.toLowerCase() === 'digest';
            const real = digest ? { status: await digestRequest(server.port, uri, 'alice', 's3cret-pass') } : await server.request(uri, creds);
            const row = `${tree} GET ${uri} ${label}: predicted ${prediction.status}, apache ${real.status}`;
            if (prediction.status === null) {
              undecided.push(row);
              continue;
            }
            compared++;
            if (prediction.status !== real.status) disagreements.push(`${row} — ${prediction.reason}`);
          }
        }
      } finally {
        await server.stop();
      }
    }
    // eslint-disable-next-line no-console
    if (process.env.AUTHLINT_VERBOSE) console.log(`apache explain agreement: ${compared - disagreements.length}/${compared}; undecided: ${undecided.length}`);
    expect(disagreements).toEqual([]);
    expect(undecided).toEqual([]);
    expect(compared).toBeGreaterThan(300);
    expect(notLoading.sort()).toEqual(
      ['authname-quoting-and-expressions', 'include-cycle', 'include-missing', 'negative-require-only', 'required-module-missing', 'syntax', 'unknown-directive', 'unknown-provider'].map((rule) => `apache/${rule}/bad`),
    );
  }, 300_000);
});
