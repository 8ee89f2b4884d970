import * as path from 'node:path';
import { FIXTURES } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { requireServerOrSkip, type Response } from './helpers/real-nginx';

/**
 * For each Apache rule: the bad fixture, run by Debian's apache2 on 127.0.0.1, shows the
 * symptom the rule claims; the good fixture (the fix) does not. Rules about configurations
 * that do not load are checked with apache2 -t.
 */
const apache = findApache();
const run = requireServerOrSkip(apache, 'apache2') ? describe : describe.skip;
const ALICE = { user: 'alice', password: 's3cret-pass' };

type Check = (r: Response) => void;
const status = (code: number): Check => (r) => expect(r.status).toBe(code);
const statusAndLog = (code: number, log: string): Check => (r) => {
  expect(r.status).toBe(code);
  expect(r.log.join('\n')).toContain(log);
};

const CASES: [string, [string, object, Check][], [string, object, Check][]][] = [
  ['authtype-without-require', [['/admin/', {}, status(200)]], [['/admin/', {}, status(401)], ['/admin/', ALICE, status(200)]]],
  ['require-all-granted-with-valid-user', [['/admin/', {}, status(200)]], [['/admin/', {}, status(401)], ['/admin/', ALICE, status(200)]]],
  ['missing-authname', [['/admin/', {}, statusAndLog(500, 'AH01615')], ['/admin/', ALICE, status(500)]], [['/admin/', ALICE, status(200)]]],
  ['missing-authuserfile', [['/admin/', {}, status(401)], ['/admin/', ALICE, statusAndLog(500, 'AH01619')]], [['/admin/', ALICE, status(200)]]],
  ['auth-file-missing', [['/admin/', {}, status(401)], ['/admin/', ALICE, statusAndLog(500, 'AH01620')]], [['/admin/', ALICE, status(200)]]],
  ['authuserfile-relative-to-serverroot', [['/admin/', ALICE, status(200)]], [['/admin/', ALICE, status(200)]]],
  ['htaccess-ignored-allowoverride-none', [['/admin/', {}, status(200)]], [['/admin/', {}, status(401)], ['/admin/', ALICE, status(200)]]],
  ['htaccess-authconfig-not-allowed', [['/admin/', {}, statusAndLog(500, 'not allowed here')]], [['/admin/', {}, status(401)], ['/admin/', ALICE, status(200)]]],
  ['auth-wrapped-in-ifmodule', [['/admin/', {}, status(200)]], [['/admin/', {}, status(401)]]],
  [
    'limit-leaves-methods-open',
    [['/admin/', {}, status(401)], ['/admin/', { method: 'DELETE' }, (r) => expect(r.status).not.toBe(401)]],
    [['/admin/', {}, status(401)], ['/admin/', { method: 'DELETE', ...ALICE }, status(403)], ['/admin/', { method: 'DELETE' }, status(403)], ['/admin/', ALICE, status(200)]],
  ],
  ['location-overrides-directory-auth', [['/admin/', {}, status(200)]], [['/admin/', {}, status(401)]]],
  ['child-section-or-htaccess-replaces-auth', [['/admin/reports/', {}, status(200)]], [['/admin/reports/', {}, status(401)]]],
  ['directory-with-url-path', [['/admin/', {}, status(200)]], [['/admin/', {}, status(401)]]],
  ['mixed-access-compat-and-require', [['/admin/', ALICE, statusAndLog(403, 'AH01797')]], [['/admin/', ALICE, status(200)]]],
  ['require-user-mismatch', [['/admin/', ALICE, statusAndLog(401, 'AH01631')]], [['/admin/', ALICE, status(200)]]],
  ['errordocument-401', [['/admin/', {}, status(401)]], [['/admin/', {}, status(401)]]],
  ['group-file-problems', [['/admin/', ALICE, statusAndLog(401, 'AH01665')]], [['/admin/', ALICE, status(200)]]],
  ['digest-basic-mismatch', [['/admin/', {}, (r) => { expect(r.status).toBe(401); expect(r.wwwAuthenticate).toMatch(/^Digest /); }]], [['/admin/', {}, (r) => { expect(r.status).toBe(401); expect(r.wwwAuthenticate).toMatch(/^Digest realm="Admin area"/); }]]],
  ['proxy-bypasses-directory-auth', [['/admin/index.php', {}, (r) => expect(r.status).not.toBe(401)], ['/admin/', {}, status(401)]], [['/admin/index.php', {}, status(401)]]],
  ['htpasswd-inside-docroot', [['/passwords', {}, (r) => { expect(r.status).toBe(200); expect(r.body).toMatch(/^alice:\$6\$/); }]], [['/passwords', {}, status(403)]]],
];

async function probe(fixture: string, probes: [string, object, Check][]): Promise<void> {
  const server = await RealApache.prepare(apache as string, path.join(FIXTURES, fixture));
  try {
    const test = server.test();
    expect({ fixture, ok: test.ok, output: test.ok ? '' : test.output }).toEqual({ fixture, ok: true, output: '' });
    await server.start();
    for (const [uri, options, check] of probes) check(await server.request(uri, options));
  } finally {
    await server.stop();
  }
}

async function configTest(fixture: string) {
  const server = await RealApache.prepare(apache as string, path.join(FIXTURES, fixture));
  try {
    return server.test();
  } finally {
    await server.stop();
  }
}

run('real Apache shows what each Apache rule claims, and its fix removes it', () => {
  test.each(CASES)('%s', async (rule, bad, good) => {
    await probe(`apache/${rule}/bad`, bad);
    await probe(`apache/${rule}/good`, good);
  });

  test.each([
    ['syntax', 'Expected </Directory> but saw </Location>'],
    ['include-missing', 'Could not open directory'],
    ['required-module-missing', "Invalid command 'AuthUserFile'"],
    ['unknown-directive', "Invalid command 'AuthUsrFile', perhaps misspelled"],
    ['unknown-provider', 'Unknown Authn provider: fiel'],
    ['include-cycle', ''],
    ['negative-require-only', 'negative Require directive has no effect'],
    ['authname-quoting-and-expressions', 'AuthName takes one argument'],
  ])('%s: apache2 -t refuses the bad fixture and accepts the good one', async (rule, message) => {
    const bad = await configTest(`apache/${rule}/bad`);
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain(message);
    expect((await configTest(`apache/${rule}/good`)).ok).toBe(true);
  });
});
