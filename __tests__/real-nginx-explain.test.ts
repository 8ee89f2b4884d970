import * as path from 'node:path';
import { explain } from '../src/commands/explain';
import { PathResolver } from '../src/fs/rooted-paths';
import { fixturePath } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { scenarios as scenarioList } from './helpers/scenarios';

/**
 * `authlint explain` predicts, per request, the status for an anonymous client, for wrong
 * credentials and for alice's real ones. Each prediction is compared with what Debian's nginx
 * answers on 127.0.0.1 for the same request. Predictions that depend on a backend (status
 * null) are listed, not counted as agreement.
 */
const nginx = findNginx();
const run = requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip;
const ROOT = fixturePath('explain/site');

const CASES: [string, string, string][] = [
  ['app.test', '/', 'GET'],
  ['app.test', '/admin/', 'GET'],
  ['app.test', '/admin/notes.txt', 'GET'],
  ['app.test', '/secure/notes.txt', 'GET'],
  ['app.test', '/nested/notes.txt', 'GET'],
  ['app.test', '/exact', 'GET'],
  ['app.test', '/ret/', 'GET'],
  ['app.test', '/write/', 'GET'],
  ['app.test', '/write/', 'POST'],
  ['app.test', '/write/', 'DELETE'],
  ['app.test', '/sat/', 'GET'],
  ['app.test', '/denied/', 'GET'],
  ['app.test', '/missing/', 'GET'],
  ['app.test', '/off/', 'GET'],
  ['app.test', '/ep/', 'GET'],
  ['app.test', '/rw/x', 'GET'],
  ['app.test', '/al/', 'GET'],
  ['app.test', '/nothing', 'GET'],
  ['app.test', '/admin', 'GET'],
  ['app.test', '/admin/../public/x', 'GET'],
  ['app.test', '//admin//notes.txt', 'GET'],
  ['other.test', '/', 'GET'],
  ['a.wild.test', '/admin/', 'GET'],
  ['unknown.test', '/admin/', 'GET'],
];

run('authlint explain agrees with a real nginx', () => {
  let server: RealNginx;
  beforeAll(async () => {
    server = await RealNginx.prepare(nginx as string, ROOT);
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  test('every predicted status equals the real one (100% on the fixture)', async () => {
    const resolver = new PathResolver(ROOT);
    const rows: string[] = [];
    let agree = 0;
    let compared = 0;
    const undecided: string[] = [];
    for (const [host, uri, method] of CASES) {
      const { explanation } = explain({
        config: path.join(ROOT, 'etc/nginx'),
        url: `http://${host}:8080${uri}`,
        method,
        client: '127.0.0.1',
        credentials: { user: 'alice', password: 's3cret-pass' },
        resolver,
        platform: { platform: 'libxcrypt', source: 'test' },
      });
      const scenarios = scenarioList(explanation.predicted);
      for (const [label, prediction, creds] of scenarios) {
        const real = await server.request(uri, { host, method, ...creds });
        const line = `${method} ${host}${uri} ${label}: predicted ${prediction.status}, nginx ${real.status}`;
        if (prediction.status === null) {
          undecided.push(line);
          continue;
        }
        compared++;
        if (prediction.status === real.status) agree++;
        else rows.push(`${line} — ${prediction.reason}`);
      }
    }
    // eslint-disable-next-line no-console
    if (process.env.AUTHLINT_VERBOSE) console.log(`explain agreement: ${agree}/${compared}; undecided: ${undecided.length}`);
    expect(rows).toEqual([]);
    expect(compared).toBe(CASES.length * 3 - undecided.length);
    expect(undecided).toEqual([]);
  });
});
