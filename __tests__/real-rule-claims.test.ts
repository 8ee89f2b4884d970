import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../src/rules';
import { fixturePath, RULES_DIR } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip, type RequestOptions, type Response } from './helpers/real-nginx';

/**
 * Every rule's real-server claims (src/rules/<id>/claims.json), checked by the real server: the
 * bad tree, served by Debian's nginx or apache2 on 127.0.0.1, shows the symptom the rule's
 * message claims; the good tree (the fix) does not; rules about configurations that do not load
 * are checked with `nginx -t` / `apache2 -t`. Nothing here names a rule: the claims are data
 * beside each rule's fixtures.
 */
interface Probe {
  readonly request: { uri: string; method?: string; as?: 'alice'; user?: string; password?: string; host?: string; port?: number; headers?: Record<string, string> };
  readonly expect: {
    status?: number;
    notStatus?: number;
    log?: string;
    logMatches?: string;
    /** The exact challenge, or null: none sent. */
    wwwAuthenticate?: string | null;
    wwwAuthenticateMatches?: string;
    challenges?: number;
    body?: string;
    bodyMatches?: string;
    bodyNotContains?: string;
  };
}

interface ConfigTestClaim {
  readonly ok: boolean;
  readonly outputContains?: string;
  readonly outputMatches?: string;
}

interface Claims {
  readonly server: 'nginx' | 'apache';
  readonly configTest?: { bad?: ConfigTestClaim; good?: ConfigTestClaim };
  readonly bad?: Probe[];
  readonly good?: Probe[];
}

const ALICE = { user: 'alice', password: 's3cret-pass' };
const KNOWN_EXPECT = new Set(['status', 'notStatus', 'log', 'logMatches', 'wwwAuthenticate', 'wwwAuthenticateMatches', 'challenges', 'body', 'bodyMatches', 'bodyNotContains']);

const claimed = RULES.map((rule) => rule.meta.id).filter((id) => fs.existsSync(path.join(RULES_DIR, id, 'claims.json')));
const claimsOf = (id: string): Claims => JSON.parse(fs.readFileSync(path.join(RULES_DIR, id, 'claims.json'), 'utf8'));

const nginx = findNginx();
const apache = findApache();
const haveServers = requireServerOrSkip(nginx, 'nginx') && requireServerOrSkip(apache, 'apache2');
const run = haveServers ? describe : describe.skip;

function check(id: string, kind: string, probe: Probe, response: Response): void {
  const where = `${id} ${kind} ${probe.request.method ?? 'GET'} ${probe.request.uri}`;
  const want = probe.expect;
  const got: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  const compare = (key: string, ok: boolean, value: unknown) => {
    got[key] = ok ? 'as claimed' : value;
    expected[key] = 'as claimed';
  };
  if (want.status !== undefined) compare('status', response.status === want.status, response.status);
  if (want.notStatus !== undefined) compare('notStatus', response.status !== want.notStatus, response.status);
  if (want.log !== undefined) compare('log', response.log.join('\n').includes(want.log), response.log);
  if (want.logMatches !== undefined) compare('logMatches', new RegExp(want.logMatches).test(response.log.join('\n')), response.log);
  if (want.wwwAuthenticate !== undefined) compare('wwwAuthenticate', (response.wwwAuthenticate ?? null) === want.wwwAuthenticate, response.wwwAuthenticate);
  if (want.wwwAuthenticateMatches !== undefined) compare('wwwAuthenticateMatches', new RegExp(want.wwwAuthenticateMatches).test(response.wwwAuthenticate ?? ''), response.wwwAuthenticate);
  if (want.challenges !== undefined) compare('challenges', response.challenges === want.challenges, response.challenges);
  if (want.body !== undefined) compare('body', response.body === want.body, response.body);
  if (want.bodyMatches !== undefined) compare('bodyMatches', new RegExp(want.bodyMatches).test(response.body), response.body);
  if (want.bodyNotContains !== undefined) compare('bodyNotContains', !response.body.includes(want.bodyNotContains), response.body);
  expect({ where, ...got }).toEqual({ where, ...expected });
}

function options(probe: Probe): RequestOptions {
  const { as, uri: _uri, ...rest } = probe.request;
  return { ...rest, ...(as === 'alice' ? ALICE : {}) };
}

async function prepare(claims: Claims, tree: string): Promise<RealNginx | RealApache> {
  return claims.server === 'nginx' ? RealNginx.prepare(nginx as string, fixturePath(tree)) : RealApache.prepare(apache as string, fixturePath(tree));
}

test('every claims.json is well-formed: a known server, known expectations, at least one claim', () => {
  expect(claimed.length).toBeGreaterThan(40);
  for (const id of claimed) {
    const claims = claimsOf(id);
    expect({ id, server: ['nginx', 'apache'].includes(claims.server) }).toEqual({ id, server: true });
    expect({ id, claims: (claims.bad?.length ?? 0) + (claims.good?.length ?? 0) + (claims.configTest ? 1 : 0) > 0 }).toEqual({ id, claims: true });
    for (const probe of [...(claims.bad ?? []), ...(claims.good ?? [])]) {
      const unknown = Object.keys(probe.expect).filter((key) => !KNOWN_EXPECT.has(key));
      expect({ id, unknown }).toEqual({ id, unknown: [] });
    }
  }
});

run('the real server shows what each rule claims, and its fix removes it', () => {
  test.each(claimed)('%s', async (id) => {
    const claims = claimsOf(id);
    for (const kind of ['bad', 'good'] as const) {
      const server = await prepare(claims, `${id}/${kind}`);
      try {
        const wantTest = claims.configTest?.[kind];
        const result = server.test();
        if (wantTest) {
          expect({ id, kind, ok: result.ok }).toEqual({ id, kind, ok: wantTest.ok });
          if (wantTest.outputContains) expect(result.output).toContain(wantTest.outputContains);
          if (wantTest.outputMatches) expect(result.output).toMatch(new RegExp(wantTest.outputMatches));
        }
        const probes = claims[kind] ?? [];
        if (probes.length === 0) continue;
        expect({ id, kind, loads: result.ok, output: result.ok ? '' : result.output }).toEqual({ id, kind, loads: true, output: '' });
        await server.start();
        for (const probe of probes) check(id, kind, probe, await server.request(probe.request.uri, options(probe)));
      } finally {
        await server.stop();
      }
    }
  }, 60_000);
});
