import * as fs from 'node:fs';
import * as path from 'node:path';
import { explain } from '../src/commands/explain';
import { PathResolver } from '../src/fs/rooted-paths';
import { virtualServers } from '../src/nginx/request/servers';
import { fixtureRoot, cleanupFixtures, fixturePath, ruleFixtureNames } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * `authlint explain` against a real nginx on every nginx fixture that loads: for each server
 * block, requests to its locations' paths and a few common URIs, anonymous, wrong and right
 * credentials. Backend-decided answers (status null) are listed, not counted.
 */
const nginx = findNginx();
const run = requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip;
afterAll(cleanupFixtures);

function trees(): string[] {
  const out: string[] = [];
  for (const group of ['nginx', 'generic', 'htpasswd']) {
    for (const rule of ruleFixtureNames(group)) {
      for (const kind of ['bad', 'good']) {
        const tree = `${group}/${rule}/${kind}`;
        if (fs.existsSync(fixturePath(tree, 'etc/nginx/nginx.conf'))) out.push(tree);
      }
    }
  }
  return out;
}

const URIS = ['/', '/admin/', '/admin', '/.htpasswd', '/token/', '/reports/', '/.well-known/acme-challenge/x'];

run('authlint explain agrees with a real nginx on every nginx fixture', () => {
  test('every predicted status equals the real one', async () => {
    const disagreements: string[] = [];
    const undecided: string[] = [];
    const notLoading: string[] = [];
    let compared = 0;
    for (const tree of trees()) {
      const root = fixtureRoot(tree);
      const server = await RealNginx.prepare(nginx as string, root);
      try {
        if (!server.test().ok) {
          notLoading.push(tree);
          continue;
        }
        const resolver = new PathResolver(root);
        const first = explain({ config: path.join(root, 'etc/nginx'), url: 'http://localhost:8080/', method: 'GET', resolver, platform: { platform: 'libxcrypt', source: 'test' } });
        const servers = virtualServers(first.model.scopes);
        // TLS listeners are left out: this client speaks plain HTTP (nginx would answer 400).
        const ports = [...new Set(servers.flatMap((s) => s.listens.filter((l) => !l.ssl).map((l) => l.port)))].filter((p) => {
          try {
            server.portFor(p);
            return true;
          } catch {
            return false;
          }
        });
        if (servers.length === 0) {
          notLoading.push(`${tree} (no server block)`);
          continue;
        }
        await server.start();
        const hosts = [...new Set(servers.map((s) => s.names[0]).filter((n) => n && !n.startsWith('~') && !n.includes('*')))].slice(0, 2).concat('localhost');
        for (const port of ports) {
          for (const host of hosts) {
            for (const uri of URIS) {
              const { explanation } = explain({ config: path.join(root, 'etc/nginx'), url: `http://${host}:${port}${uri}`, method: 'GET', client: '127.0.0.1', credentials: { user: 'alice', password: 's3cret-pass' }, resolver, platform: { platform: 'libxcrypt', source: 'test' } });
              for (const [label, prediction, creds] of [
                ['anonymous', explanation.predicted.anonymous, {}],
                ['wrong', explanation.predicted.wrongCredentials, { user: 'alice', password: 'wrong' }],
                ['alice', explanation.predicted.credentials!, { user: 'alice', password: 's3cret-pass' }],
              ] as const) {
                const row = `${tree} ${host}:${port}${uri} ${label}`;
                if (prediction.status === null) {
                  undecided.push(row);
                  continue;
                }
                const real = await server.request(uri, { host, port, ...creds, noLog: true });
                compared++;
                if (real.status !== prediction.status) disagreements.push(`${row}: predicted ${prediction.status}, nginx ${real.status} — ${prediction.reason}`);
              }
            }
          }
        }
      } finally {
        await server.stop();
      }
    }
    // eslint-disable-next-line no-console
    if (process.env.AUTHLINT_VERBOSE) console.log(`nginx explain agreement on all fixtures: ${compared - disagreements.length}/${compared}; backend-decided: ${undecided.length}; not loading: ${notLoading.length}`);
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  }, 600_000);
});
