import * as https from 'node:https';
import * as path from 'node:path';
import { lintFixture, fixturePath } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * The plain-HTTP rules claim the server asks for, and takes, Basic credentials on a listener
 * without TLS. Checked on the wire: with the bad fixture the plain listener sends the Basic
 * challenge and accepts alice's cleartext credentials; with the good one (the fix) it only
 * redirects to https, and for nginx the password is asked on the TLS listener instead.
 */
const ALICE = { user: 'alice', password: 's3cret-pass' };

/** One GET over TLS to 127.0.0.1:port (the fixture's self-signed certificate is accepted). */
function tlsGet(port: number, uri: string, host: string, auth?: string): Promise<{ status: number; challenge?: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: uri, servername: host, headers: { Host: host, ...(auth ? { Authorization: auth } : {}) }, rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, challenge: res.headers['www-authenticate'] }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('nginx/basic-auth-over-plain-http against a real nginx', () => {
  const rule = 'nginx/basic-auth-over-plain-http';
  test('bad: the plain listener challenges for Basic and takes cleartext credentials', async () => {
    expect(lintFixture(`${rule}/bad`).findings.map((f) => f.ruleId)).toContain(rule);
    const server = await RealNginx.prepare(nginx as string, fixturePath(rule, 'bad'));
    try {
      await server.start();
      const anonymous = await server.request('/admin/', { host: 'app.test', noLog: true });
      expect([anonymous.status, anonymous.wwwAuthenticate]).toEqual([401, 'Basic realm="Admin"']);
      expect((await server.request('/admin/', { host: 'app.test', noLog: true, ...ALICE })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  test('good (the fix): plain HTTP only redirects; the password is asked over TLS', async () => {
    expect(lintFixture(`${rule}/good`).findings).toEqual([]);
    const server = await RealNginx.prepare(nginx as string, fixturePath(rule, 'good'));
    try {
      await server.start();
      const plain = await server.request('/admin/', { host: 'app.test', noLog: true, port: 80 });
      expect([plain.status, plain.wwwAuthenticate]).toEqual([301, undefined]);
      const credentials = `Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`;
      expect(await tlsGet(server.portFor(443), '/admin/', 'app.test')).toEqual({ status: 401, challenge: 'Basic realm="Admin"' });
      expect((await tlsGet(server.portFor(443), '/admin/', 'app.test', credentials)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

const apache = findApache();
(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('apache/basic-auth-over-plain-http against a real Apache', () => {
  const rule = 'apache/basic-auth-over-plain-http';
  test('bad: the plain listener challenges for Basic and takes cleartext credentials', async () => {
    expect(lintFixture(`${rule}/bad`).findings.map((f) => f.ruleId)).toContain(rule);
    const server = await RealApache.prepare(apache as string, fixturePath(rule, 'bad'));
    try {
      await server.start();
      const anonymous = await server.request('/admin/', {});
      expect([anonymous.status, anonymous.wwwAuthenticate?.startsWith('Basic ')]).toEqual([401, true]);
      expect((await server.request('/admin/', ALICE)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  test('good (the fix): plain HTTP only redirects to https, without a challenge', async () => {
    expect(lintFixture(`${rule}/good`).findings).toEqual([]);
    const server = await RealApache.prepare(apache as string, fixturePath(rule, 'good'));
    try {
      await server.start();
      const plain = await server.request('/admin/', {});
      expect([plain.status, plain.wwwAuthenticate]).toEqual([301, undefined]);
    } finally {
      await server.stop();
    }
  });
});
