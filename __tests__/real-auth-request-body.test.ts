import { redirectBackend, StubService } from './helpers/echo-backend';
import { fixturePath, lintFixture } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * nginx/auth-request-forwards-content-length claims what only a real nginx and a real auth
 * service show: the auth subrequest carries the client's Content-Length but not its body, so an
 * auth service that reads the body before answering waits until proxy_read_timeout (2 s in the
 * fixtures), nginx logs "auth request unexpected status: 504", and a POST gets 500; a GET, and
 * every request with the fix, gets through.
 */
class BodyReadingAuthService extends StubService {
  readonly seen: { method: string; contentLength: string | undefined }[] = [];

  constructor() {
    super((req, res) => {
      this.seen.push({ method: req.method ?? '', contentLength: req.headers['content-length'] });
      req.resume();
      // As Express's body parser or a Python framework does: answer once the body has arrived.
      req.on('end', () => res.end('ok\n'));
    });
  }
}

const RULE = 'nginx/auth-request-forwards-content-length';
const nginx = findNginx();

async function withServer(side: 'bad' | 'good', visit: (server: RealNginx, auth: BodyReadingAuthService) => Promise<void>): Promise<void> {
  const auth = new BodyReadingAuthService();
  const port = await auth.start();
  const server = await RealNginx.prepare(nginx as string, fixturePath(RULE, side));
  try {
    redirectBackend(server.dir, 'http://127.0.0.1:9000', port);
    await server.start();
    await visit(server, auth);
  } finally {
    await server.stop();
    await auth.stop();
  }
}

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)(`${RULE} against a real nginx`, () => {
  test('bad: a POST with a body waits for proxy_read_timeout and gets 500; a GET gets through; authlint says so', async () => {
    expect(lintFixture(`${RULE}/bad`).findings.map((f) => f.ruleId)).toEqual([RULE, RULE]);
    await withServer('bad', async (server, auth) => {
      expect((await server.request('/app/', { host: 'app.test' })).status).toBe(200);
      for (const port of [8080, 8081]) {
        const started = Date.now();
        const post = await server.request('/app/', { host: 'app.test', port, method: 'POST', body: 'name=alice&note=hello' });
        expect(post.status).toBe(500);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
        expect(post.log.join('\n')).toContain('auth request unexpected status: 504');
      }
      // The subrequest is a GET that announces the client's body length.
      expect(auth.seen).toContainEqual({ method: 'GET', contentLength: '21' });
    });
  }, 30_000);

  test('good (the fix): the POST passes the auth check at once; authlint is silent', async () => {
    expect(lintFixture(`${RULE}/good`).findings).toEqual([]);
    await withServer('good', async (server, auth) => {
      for (const port of [8080, 8081]) {
        const started = Date.now();
        const post = await server.request('/app/', { host: 'app.test', port, method: 'POST', body: 'name=alice&note=hello' });
        // Past the auth check, the static index refuses POST: 405, not 500, and no wait.
        expect(post.status).toBe(405);
        expect(Date.now() - started).toBeLessThan(1500);
      }
      expect(auth.seen.every((request) => request.contentLength === undefined)).toBe(true);
    });
  }, 30_000);
});
