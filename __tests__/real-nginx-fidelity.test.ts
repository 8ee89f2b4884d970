import * as path from 'node:path';
import { explain } from '../src/commands/explain';
import { PathResolver } from '../src/fs/rooted-paths';
import { fixturePath } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { scenarios as scenarioList } from './helpers/scenarios';

/**
 * Classes where nginx's status depends on more than the matching location (issue #14): PCRE-only
 * regex syntax, error_page targets, request normalisation, the automatic 301 of proxied prefixes,
 * auth_request with auth_basic / allow / satisfy, and allow/deny without a known client. Every
 * request is asked three ways (no credentials, wrong ones, alice's) and `authlint explain`'s
 * prediction is compared with Debian's nginx. A prediction may be "undecided" only where the
 * table says so (a backend or a construct authlint cannot evaluate decides); a decided one must
 * equal nginx's status.
 */
const nginx = findNginx();
const run = requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip;
const ROOT = fixturePath('explain/fidelity');

/** host, raw request target, method, client address (undefined: not given to explain), undecided scenarios allowed. */
type Case = [string, string, string, string | undefined, ('anonymous' | 'wrong' | 'alice')[]?];

const CASES: Case[] = [
  // PCRE syntax JavaScript lacks, translated.
  ['pcre.test', '/admin/x.php', 'GET', '127.0.0.1'],
  ['pcre.test', '/admin/xphp', 'GET', '127.0.0.1'],
  ['pcre.test', '/posix/123', 'GET', '127.0.0.1'],
  ['pcre.test', '/posix/12a', 'GET', '127.0.0.1'],
  ['pcre.test', '/named/ab-ab', 'GET', '127.0.0.1'],
  ['pcre.test', '/named/ab-ba', 'GET', '127.0.0.1'],
  ['pcre.test', '/CASE/x', 'GET', '127.0.0.1'],
  ['pcre.test', '/mixed/AbC/DEF', 'GET', '127.0.0.1'],
  ['pcre.test', '/mixed/abc/def', 'GET', '127.0.0.1'],
  ['pcre.test', '/atomic/aaab', 'GET', '127.0.0.1'],
  ['pcre.test', '/poss/aaa', 'GET', '127.0.0.1'],
  ['pcre.test', '/anchor', 'GET', '127.0.0.1'],
  ['pcre.test', '/anchor/', 'GET', '127.0.0.1'],
  ['pcre.test', '/ext/abc', 'GET', '127.0.0.1'],
  ['pcre.test', '/prop/ABC', 'GET', '127.0.0.1'],
  ['pcre.test', '/prop/AbC', 'GET', '127.0.0.1'],
  ['pcre.test', '/space/%0B', 'GET', '127.0.0.1'],
  ['pcre.test', '/space/%C2%A0', 'GET', '127.0.0.1'],
  ['pcre.test', '/u/%C3%A9', 'GET', '127.0.0.1'],
  ['pcre.test', '/u/e', 'GET', '127.0.0.1'],
  ['pcre.test', '/brace/x{,2}', 'GET', '127.0.0.1'],
  ['pcre.test', '/brace/xx', 'GET', '127.0.0.1'],
  ['pcre2.test', '/recursive/aabb', 'GET', '127.0.0.1', ['anonymous', 'wrong', 'alice']],
  ['pcre2.test', '/other', 'GET', '127.0.0.1', ['anonymous', 'wrong', 'alice']],
  ['pcre2.test', '/plain/', 'GET', '127.0.0.1'],
  // error_page targets.
  ['ep.test', '/inherited/', 'GET', '127.0.0.1'],
  ['ep.test', '/named/', 'GET', '127.0.0.1'],
  ['ep.test', '/file/', 'GET', '127.0.0.1'],
  ['ep.test', '/code/', 'GET', '127.0.0.1'],
  ['ep.test', '/equals/', 'GET', '127.0.0.1'],
  ['ep.test', '/missing/', 'GET', '127.0.0.1'],
  ['ep.test', '/dir/', 'GET', '127.0.0.1'],
  ['ep.test', '/dirslash/', 'GET', '127.0.0.1'],
  ['ep.test', '/url/', 'GET', '127.0.0.1'],
  ['ep.test', '/url301/', 'GET', '127.0.0.1'],
  ['ep.test', '/text/', 'GET', '127.0.0.1'],
  ['ep.test', '/again/', 'GET', '127.0.0.1'],
  ['ep.test', '/deny/', 'GET', '127.0.0.1'],
  ['ep.test', '/method/index.html', 'POST', '127.0.0.1'],
  ['ep.test', '/method/index.html', 'DELETE', '127.0.0.1'],
  ['ep.test', '/backend/', 'GET', '127.0.0.1', ['anonymous', 'wrong']],
  ['ep.test', '/nothing-here', 'GET', '127.0.0.1'],
  // Normalisation.
  ['norm.test.', '/admin/', 'GET', '127.0.0.1'],
  ['norm.test', '/admin%2F', 'GET', '127.0.0.1'],
  ['norm.test', '/admin/%zz', 'GET', '127.0.0.1'],
  ['norm.test', '/admin/%4', 'GET', '127.0.0.1'],
  ['norm.test', '/plain/a%00b', 'GET', '127.0.0.1'],
  ['norm.test', '/plain/./../admin/', 'GET', '127.0.0.1'],
  ['norm.test', '/app', 'GET', '127.0.0.1'],
  ['norm.test', '/app?x=1', 'GET', '127.0.0.1'],
  ['norm.test', '/fcgi', 'POST', '127.0.0.1'],
  ['norm.test', '/app3', 'GET', '127.0.0.1'],
  ['norm.test', '/app/', 'GET', '127.0.0.1', ['alice']],
  ['norm.test', '/plain', 'GET', '127.0.0.1'],
  // auth_request.
  ['ar.test', '/ok/', 'GET', '127.0.0.1'],
  ['ar.test', '/no/', 'GET', '127.0.0.1'],
  ['ar.test', '/forbid/', 'GET', '127.0.0.1'],
  ['ar.test', '/odd/', 'GET', '127.0.0.1'],
  ['ar.test', '/basic-first/', 'GET', '127.0.0.1', ['alice']],
  ['ar.test', '/any-basic/', 'GET', '127.0.0.1'],
  ['ar.test', '/any-allow/', 'GET', '127.0.0.1'],
  ['ar.test', '/any-allow/', 'GET', undefined, ['anonymous', 'wrong', 'alice']],
  ['ar.test', '/any-ok/', 'GET', undefined],
];

run('authlint explain agrees with a real nginx on the fidelity classes', () => {
  let server: RealNginx;
  beforeAll(async () => {
    server = await RealNginx.prepare(nginx as string, ROOT);
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  test('every decided prediction equals nginx, and only the listed ones are undecided', async () => {
    const resolver = new PathResolver(ROOT);
    const wrong: string[] = [];
    const undecided: string[] = [];
    const expectedUndecided: string[] = [];
    for (const [host, target, method, client, allowed = []] of CASES) {
      const { explanation } = explain({
        config: path.join(ROOT, 'etc/nginx'),
        url: `http://${host}:8080${target}`,
        method,
        ...(client ? { client } : {}),
        credentials: { user: 'alice', password: 's3cret-pass' },
        resolver,
        platform: { platform: 'libxcrypt', source: 'test' },
      });
      const scenarios = scenarioList(explanation.predicted);
      for (const [label, prediction, creds] of scenarios) {
        const real = await server.request(target, { host, method, noLog: true, ...creds });
        const line = `${method} ${host}${target} ${label}`;
        if (allowed.includes(label)) expectedUndecided.push(line);
        if (prediction.status === null) {
          undecided.push(line);
          continue;
        }
        if (prediction.status !== real.status) wrong.push(`${line}: predicted ${prediction.status}, nginx ${real.status} — ${prediction.reason}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(undecided).toEqual(expectedUndecided);
  });
});
