import * as http from 'node:http';
import { redirectBackend, StubService } from './helpers/echo-backend';
import { fixturePath, lintFixture } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * nginx/auth-request-without-original-uri claims what the auth service receives: the auth
 * location's own URI, as a GET, and nothing naming the request it judges — unless the config
 * passes the original URI and method. A recording stub on 127.0.0.1 stands in for the portal.
 */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

class RecordingAuthService extends StubService {
  readonly received: Received[] = [];

  constructor() {
    super((req, res) => {
      this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      req.resume();
      res.statusCode = 204;
      res.end();
    });
  }
}

const RULE = 'nginx/auth-request-without-original-uri';
const nginx = findNginx();

async function whatTheAuthServiceSees(side: 'bad' | 'good', port: number): Promise<Received> {
  const auth = new RecordingAuthService();
  const authPort = await auth.start();
  const server = await RealNginx.prepare(nginx as string, fixturePath(RULE, side));
  try {
    redirectBackend(server.dir, 'http://127.0.0.1:9000', authPort);
    await server.start();
    const response = await server.request('/app/index.html?q=1', { host: 'app.test', port, method: 'POST', body: 'x=1', noLog: true });
    expect(response.status).toBe(405); // past the auth check (204), the static page refuses POST
    expect(auth.received).toHaveLength(1);
    return auth.received[0];
  } finally {
    await server.stop();
    await auth.stop();
  }
}

const mentions = (seen: Received, text: string): boolean => seen.url.includes(text) || Object.values(seen.headers).some((value) => String(value).includes(text));

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)(`${RULE} against a real nginx`, () => {
  test('bad: the auth service is asked "GET /auth", with nothing naming /app/ or POST; authlint says so', async () => {
    expect(lintFixture(`${RULE}/bad`).findings.map((f) => f.ruleId)).toEqual([RULE]);
    const seen = await whatTheAuthServiceSees('bad', 8080);
    expect({ method: seen.method, url: seen.url }).toEqual({ method: 'GET', url: '/auth' });
    expect(mentions(seen, '/app/')).toBe(false);
    expect(mentions(seen, 'POST')).toBe(false);
  }, 30_000);

  test('good (the fix): the original URI and method reach the auth service, in headers or in the URL; authlint is silent', async () => {
    expect(lintFixture(`${RULE}/good`).findings).toEqual([]);
    const headers = await whatTheAuthServiceSees('good', 8080);
    expect(headers.headers['x-original-uri']).toBe('/app/index.html?q=1');
    expect(headers.headers['x-original-method']).toBe('POST');
    const inUrl = await whatTheAuthServiceSees('good', 8081);
    expect(inUrl.url).toBe('/check?uri=/app/index.html?q=1');
  }, 30_000);
});
