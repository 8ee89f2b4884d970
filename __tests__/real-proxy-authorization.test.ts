import * as path from 'node:path';
import { EchoBackend, redirectBackend } from './helpers/echo-backend';
import { lintFixture, fixturePath } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * The proxy rules claim a claim no status code shows: that the client's Basic credentials
 * reach the backend. A recording backend on 127.0.0.1 stands in for the fixture's proxy target;
 * with the bad fixture it receives alice's Authorization header, with the good one (the fix:
 * proxy_set_header Authorization "" / RequestHeader unset Authorization) it receives none.
 */
const ALICE = { user: 'alice', password: 's3cret-pass' };
const CREDENTIALS = `Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`;

interface Server {
  readonly dir: string;
  start(): Promise<void>;
  request(uri: string, options: object): Promise<{ status: number }>;
  stop(): Promise<void>;
}

/** What the backend received for one authenticated request through the fixture's proxy. */
async function forwarded(server: Server, target: string): Promise<string | undefined> {
  const backend = new EchoBackend();
  const port = await backend.start();
  try {
    redirectBackend(server.dir, target, port);
    await server.start();
    const response = await server.request('/app/', ALICE);
    expect(response.status).toBe(200);
    expect(backend.received).toHaveLength(1);
    const header = backend.received[0].authorization;
    return Array.isArray(header) ? header.join(',') : header;
  } finally {
    await server.stop();
    await backend.stop();
  }
}

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('nginx/proxy-forwards-client-authorization against a real nginx', () => {
  const rule = 'nginx/proxy-forwards-client-authorization';
  test('bad: the backend gets the client’s credentials, and authlint says so', async () => {
    expect(lintFixture(`${rule}/bad`).findings.map((f) => f.ruleId)).toContain(rule);
    expect(await forwarded(await RealNginx.prepare(nginx as string, fixturePath(rule, 'bad')), 'http://127.0.0.1:9000')).toBe(CREDENTIALS);
  });
  test('good (the fix): the backend gets no Authorization header, and authlint is silent', async () => {
    expect(lintFixture(`${rule}/good`).findings).toEqual([]);
    expect(await forwarded(await RealNginx.prepare(nginx as string, fixturePath(rule, 'good')), 'http://127.0.0.1:9000')).toBeUndefined();
  });
});

const apache = findApache();
(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('apache/proxy-forwards-authorization against a real Apache', () => {
  const rule = 'apache/proxy-forwards-authorization';
  test('bad: the backend gets the client’s credentials, and authlint says so', async () => {
    expect(lintFixture(`${rule}/bad`).findings.map((f) => f.ruleId)).toContain(rule);
    expect(await forwarded(await RealApache.prepare(apache as string, fixturePath(rule, 'bad')), 'http://127.0.0.1:9/')).toBe(CREDENTIALS);
  });
  test('good (the fix): the backend gets no Authorization header, and authlint is silent', async () => {
    expect(lintFixture(`${rule}/good`).findings).toEqual([]);
    expect(await forwarded(await RealApache.prepare(apache as string, fixturePath(rule, 'good')), 'http://127.0.0.1:9/')).toBeUndefined();
  });
});
