import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explainApache } from '../src/commands/explain-apache';
import { PathResolver } from '../src/fs/rooted-paths';
import { fixturePath } from './helpers/fixtures';
import { baseApacheConfig, digestRequest, findApache, RealApache, writeBaseApacheTree } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';
import { scenarios as scenarioList } from './helpers/scenarios';

/**
 * Classes where httpd's status depends on more than the DocumentRoot's <Directory> (issue #14):
 * URL mapping (Alias segment matching, AliasMatch, ScriptAlias, UserDir, Redirect, mod_rewrite in
 * server context), Satisfy Any in a child section, <Limit>/<LimitExcept> leaving methods without
 * a Require, a password file the run user cannot read, escapes in the URL, and Digest logins.
 * Every request is asked three ways (four for Digest: alice logs in with a computed Digest
 * response) and `authlint explain` must agree with Debian's apache2; undecided only where listed.
 */
const apache = findApache();
const run = requireServerOrSkip(apache, 'apache2') ? describe : describe.skip;
const FIXTURE = fixturePath('explain/apache-fidelity');

type Case = [uri: string, method: string, undecided?: ('anonymous' | 'wrong' | 'alice')[]];

const CASES: Case[] = [
  ['/docs/', 'GET'],
  ['/docs/a.txt', 'GET'],
  ['/docs', 'GET'],
  ['/docsx', 'GET'],
  ['/files/a.txt', 'GET'],
  ['/files/b.txt', 'GET'],
  ['/cgi-bin/missing', 'GET'],
  ['/~alice/', 'GET'],
  ['/~root/', 'GET'],
  ['/~nobody-here/', 'GET'],
  ['/old', 'GET'],
  ['/old/x', 'GET'],
  ['/oldx', 'GET'],
  ['/gone', 'GET'],
  ['/forbidden', 'GET'],
  ['/moved/x', 'GET'],
  ['/vanished', 'GET'],
  ['/plain/nopost', 'POST'],
  ['/plain/nopost', 'GET'],
  ['/sat/', 'GET'],
  ['/psat/', 'GET'],
  ['/psat/child/', 'GET'],
  ['/lim/', 'GET'],
  ['/lim/', 'POST'],
  ['/limx/', 'GET'],
  ['/limx/', 'POST'],
  ['/private/', 'GET'],
  ['/admin%2Findex.html', 'GET'],
  ['/admin/%zz', 'GET'],
  ['/plain/a%00b', 'GET'],
  ['/enc/a%20b.txt', 'GET'],
  ['/admin/', 'GET'],
];

/** A copy of the fixture with modes.json applied (owners and modes git cannot keep), for explain to read. */
function copyWithModes(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-apache-fid-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const modes: Record<string, { mode: string; uid: number; gid: number }> = JSON.parse(fs.readFileSync(path.join(dir, 'modes.json'), 'utf8'));
  for (const [file, want] of Object.entries(modes)) {
    fs.chmodSync(path.join(dir, file), parseInt(want.mode, 8));
    fs.chownSync(path.join(dir, file), want.uid, want.gid);
  }
  return dir;
}

run('authlint explain agrees with a real Apache on the fidelity classes', () => {
  let server: RealApache;
  let tree: string;
  beforeAll(async () => {
    tree = copyWithModes();
    server = await RealApache.prepare(apache as string, FIXTURE);
    const loaded = server.test();
    if (!loaded.ok) throw new Error(loaded.output);
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(tree, { recursive: true, force: true });
  });

  const explainOne = (uri: string, method: string) => {
    const result = explainApache({
      mainConfig: path.join(tree, 'etc/apache2/apache2.conf'),
      url: `http://localhost:8080${uri}`,
      method,
      client: '127.0.0.1',
      credentials: { user: 'alice', password: 's3cret-pass' },
      resolver: new PathResolver(tree),
      platform: { platform: 'libxcrypt', source: 'test' },
    });
    if ('error' in result) throw new Error(result.error);
    return result.explanation;
  };

  test('every decided prediction equals apache2, and only the listed ones are undecided', async () => {
    const wrong: string[] = [];
    const undecided: string[] = [];
    const expectedUndecided: string[] = [];
    for (const [uri, method, allowed = []] of CASES) {
      const explanation = explainOne(uri, method);
      const scenarios = scenarioList(explanation.predicted);
      for (const [label, prediction, creds] of scenarios) {
        const real = await server.request(uri, { method, ...creds });
        const line = `${method} ${uri} ${label}`;
        if (allowed.includes(label)) expectedUndecided.push(line);
        if (prediction.status === null) {
          undecided.push(line);
          continue;
        }
        if (prediction.status !== real.status) wrong.push(`${line}: predicted ${prediction.status}, apache ${real.status} — ${prediction.reason}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(undecided).toEqual(expectedUndecided);
  });

  test('Digest: a user who answers the challenge with the right password logs in, as explain --user predicts', async () => {
    const explanation = explainOne('/digest/', 'GET');
    expect(explanation.predicted.anonymous.status).toBe((await server.request('/digest/')).status);
    expect(explanation.predicted.wrongCredentials.status).toBe((await server.request('/digest/', { user: 'alice', password: 'wrong' })).status);
    expect(explanation.predicted.credentials?.status).toBe(await digestRequest(server.port, '/digest/', 'alice', 's3cret-pass'));
    expect(explanation.predicted.credentials?.status).toBe(200);
    const wrongPassword = explainApache({
      mainConfig: path.join(tree, 'etc/apache2/apache2.conf'),
      url: 'http://localhost:8080/digest/',
      method: 'GET',
      client: '127.0.0.1',
      credentials: { user: 'alice', password: 'not-hers' },
      resolver: new PathResolver(tree),
      platform: { platform: 'libxcrypt', source: 'test' },
    });
    if ('error' in wrongPassword) throw new Error(wrongPassword.error);
    expect(wrongPassword.explanation.predicted.credentials?.status).toBe(await digestRequest(server.port, '/digest/', 'alice', 'not-hers'));
  });
});

run('AuthType without its module: explain predicts the 500 Apache gives (AH01796)', () => {
  test.each([
    ['Basic', 'auth_basic_module'],
    ['Digest', 'auth_digest_module'],
  ])('AuthType %s without %s', async (type, module) => {
    const text = baseApacheConfig().config.replace(/^LoadModule auth_basic_module .*$/m, '').replace('AuthType Basic', `AuthType ${type}`);
    expect(text).not.toContain(`LoadModule ${module}`);
    const root = writeBaseApacheTree(text, 'authlint-authtype-');
    try {
      const result = explainApache({ mainConfig: path.join(root, 'etc/apache2/apache2.conf'), url: 'http://localhost:8080/admin/', method: 'GET', client: '127.0.0.1', resolver: new PathResolver(root), platform: { platform: 'libxcrypt', source: 'test' } });
      if ('error' in result) throw new Error(result.error);
      const server = await RealApache.prepare(apache as string, root);
      try {
        await server.start();
        const real = await server.request('/admin/');
        expect({ predicted: result.explanation.predicted.anonymous.status, apache: real.status, log: real.log.join('\n').includes('AH01796') }).toEqual({ predicted: 500, apache: 500, log: true });
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
