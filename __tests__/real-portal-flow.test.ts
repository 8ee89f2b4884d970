import { explain } from '../src/commands/explain';
import { PathResolver } from '../src/fs/rooted-paths';
import { redirectBackend, StubService } from './helpers/echo-backend';
import { fixturePath } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * Forward auth (auth_request to a login portal): `authlint explain --auth-answer CODE` says what
 * the client gets when the portal answers CODE — through error_page 401 = @login, =302 URL, an
 * API's own 401, or nothing. Each prediction is compared with a real nginx whose auth service
 * (a stub on 127.0.0.1) answers that code.
 */
const nginx = findNginx();
const ROOT = fixturePath('explain/portal');
const ANSWERS = [200, 204, 401, 403, 500] as const;
const CASES: [number, string][] = [
  [8080, '/'],
  [8080, '/index.html'],
  [8080, '/public/'],
  [8080, '/api/'],
  [8081, '/'],
  [8082, '/'],
];

/** The portal stub: answers whatever status the test sets. */
class StubAuthService extends StubService {
  answer = 200;

  constructor() {
    super((req, res) => {
      req.resume();
      res.statusCode = this.answer;
      res.end();
    });
  }
}

function predicted(port: number, uri: string, answer: number) {
  const { explanation } = explain({ config: `${ROOT}/etc/nginx`, url: `http://app.test:${port}${uri}`, method: 'GET', authAnswer: answer, resolver: new PathResolver(ROOT), platform: { platform: 'libxcrypt', source: 'test' } });
  return explanation.predicted.anonymous;
}

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('explain --auth-answer agrees with a real nginx behind a stub portal', () => {
  const auth = new StubAuthService();
  let server: RealNginx;
  beforeAll(async () => {
    const port = await auth.start();
    server = await RealNginx.prepare(nginx as string, ROOT);
    redirectBackend(server.dir, 'http://127.0.0.1:9000', port);
    await server.start();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    await auth.stop();
  });

  test.each(ANSWERS.flatMap((answer) => CASES.map(([port, uri]) => [answer, port, uri] as const)))('the portal answers %i: app.test:%i%s', async (answer, port, uri) => {
    auth.answer = answer;
    const real = await server.request(uri, { host: 'app.test', port, noLog: true });
    const prediction = predicted(port, uri, answer);
    expect({ status: prediction.status, reason: prediction.reason }).toEqual({ status: real.status, reason: prediction.reason });
  });

  test('without --auth-answer, explain tells each refusal path instead of a status', () => {
    const { explanation } = explain({ config: `${ROOT}/etc/nginx`, url: 'http://app.test:8080/', method: 'GET', resolver: new PathResolver(ROOT), platform: { platform: 'libxcrypt', source: 'test' } });
    expect(explanation.predicted.anonymous.status).toBeNull();
    expect(explanation.predicted.anonymous.reason).toMatch(/401 becomes 302 \(.*@login.*https:\/\/login\.test\/start/);
    expect(explanation.predicted.anonymous.reason).toContain('403 is sent to the client');
  });
});
