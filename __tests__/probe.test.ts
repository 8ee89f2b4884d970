import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, runCli } from './helpers/cli';
import { fixturePath } from './helpers/fixtures';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { findApache, RealApache } from './helpers/real-apache';

/**
 * `authlint probe URL` against a real nginx from the conformance harness (challenges, statuses,
 * the config's prediction and a config changed without a reload), and against small local
 * servers for what nginx does not show by default: HTTPS with a self-signed certificate, a
 * Bearer API with an expired JWT, a 401 without a challenge, redirects to another host, a CORS
 * preflight that asks for a password.
 */

const nginx = findNginx();
const ALICE_PASSWORD = 's3cret-pass';

interface Probe {
  status: number | null;
  findings: { ruleId: string; severity: string; message: string }[];
  exchanges: { label: string; status: number | null; hops: { request: { url: string; authorization: string | null }; status: number | null; challenges: { scheme: string; params: Record<string, string> }[]; credentialsWithheld: string | null }[] }[];
  prediction: { anonymous: { status: number } } | null;
}

/** The CLI as a child process, asynchronously: the stub servers below live in this process and must keep answering. */
function probe(args: string[], input = ''): Promise<{ status: number | null; report: Probe; stdout: string; stderr: string }> {
  return new Promise<{ status: number | null; report: Probe; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'probe', ...args, '-f', 'json', '--timeout', '5'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(input);
    child.on('close', (status) => resolve({ status, report: stdout ? JSON.parse(stdout) : ({} as Probe), stdout, stderr }));
  }).then((run) => ({ ...run, report: run.stdout ? checked(run.report) : run.report }));
}
const ids = (report: Probe) => report.findings.map((f) => f.ruleId).sort();

const ajv = new Ajv({ strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../schemas/probe.schema.json'), 'utf8')));
/** Every probe's JSON must hold to schemas/probe.schema.json, and every finding have its docs page. */
function checked(report: Probe): Probe {
  validate(report);
  expect(validate.errors ?? []).toEqual([]);
  for (const finding of report.findings) expect(fs.existsSync(path.join(__dirname, '../docs/rules', `${finding.ruleId}.md`))).toBe(true);
  return report;
}

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('against a real nginx', () => {
  let server: RealNginx;
  beforeAll(async () => {
    server = await RealNginx.prepare(nginx as string, fixturePath('nginx/auth-file-relative-path/good'));
    await server.start();
  });
  afterAll(async () => server?.stop());

  test('anonymous, wrong and right credentials: the challenge, the statuses, plain-HTTP Basic, cacheable answers; no secret printed', async () => {
    const url = `http://localhost:${server.port}/admin/`;
    const run = await probe([url, '--user', 'alice', '--resolve', `localhost:${server.port}:127.0.0.1`, '--config', path.join(server.dir, 'etc/nginx')], `${ALICE_PASSWORD}\n`);
    expect(run.status).toBe(1);
    const [anonymous, wrong, mine] = run.report.exchanges;
    expect([anonymous.status, wrong.status, mine.status]).toEqual([401, 401, 200]);
    expect(anonymous.hops[0].challenges).toEqual([{ scheme: 'Basic', params: { realm: 'Admin' } }]);
    expect(mine.hops[0].request.authorization).toBe('Basic');
    expect(ids(run.report)).toEqual(['probe/authenticated-response-cacheable', 'probe/basic-over-plain-http', 'probe/server-version-disclosed']);
    expect(run.report.prediction?.anonymous.status).toBe(401);
    expect(run.stdout + run.stderr).not.toContain(ALICE_PASSWORD);
    expect(run.stdout).not.toContain(Buffer.from(`alice:${ALICE_PASSWORD}`).toString('base64'));
  });

  test('a config changed on disk but not reloaded: the prediction and the live answer differ', async () => {
    const config = path.join(server.dir, 'etc/nginx/nginx.conf');
    const original = fs.readFileSync(config, 'utf8');
    try {
      fs.writeFileSync(config, original.replace(/auth_basic\s+"[^"]*";/, 'auth_basic off;'));
      const run = await probe([`http://localhost:${server.port}/admin/`, '--config', path.join(server.dir, 'etc/nginx')]);
      expect(run.report.prediction?.anonymous.status).not.toBe(401);
      const mismatch = run.report.findings.find((f) => f.ruleId === 'probe/config-mismatch');
      expect(mismatch?.message).toContain('but the server answered 401');
      expect(mismatch?.message).toMatch(/reload/);
    } finally {
      fs.writeFileSync(config, original);
    }
  });
});

const apache = findApache();
(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('against a real Apache', () => {
  test('the challenge and statuses equal what the harness sees, and the config predicts them', async () => {
    const server = await RealApache.prepare(apache as string, fixturePath('apache/auth-file-missing/good'));
    try {
      await server.start();
      const seen = await server.request('/admin/', {});
      const run = await probe([`http://127.0.0.1:${server.port}/admin/`, '--user', 'alice', '--config', path.join(server.dir, 'etc/apache2')], `${ALICE_PASSWORD}\n`);
      const [anonymous, wrong, mine] = run.report.exchanges;
      expect(anonymous.status).toBe(seen.status);
      expect(anonymous.hops[0].challenges).toEqual([{ scheme: 'Basic', params: { realm: 'Admin area' } }]);
      expect([wrong.status, mine.status]).toEqual([401, 200]);
      expect(run.report.prediction?.anonymous.status).toBe(401);
      expect(ids(run.report)).not.toContain('probe/config-mismatch');
    } finally {
      await server.stop();
    }
  });
});

describe('against local stub servers', () => {
  const servers: (http.Server | https.Server)[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));
  const listen = async (s: http.Server | https.Server): Promise<number> => {
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    return (s.address() as AddressInfo).port;
  };
  const jwt = (claims: object) => `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`;

  test('HTTPS with a self-signed certificate and a Bearer API: expired token by the server\'s clock, the error= of the challenge', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const serverDate = new Date();
    const port = await listen(
      https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (req, res) => {
        res.setHeader('Date', serverDate.toUTCString());
        res.setHeader('WWW-Authenticate', req.headers.authorization ? 'Bearer realm="api", error="invalid_token", error_description="The access token expired"' : 'Bearer realm="api"');
        res.statusCode = 401;
        res.end('{}');
      }),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const token = jwt({ sub: 'alice', iss: 'https://idp.example', exp: Math.floor(serverDate.getTime() / 1000) - 240 });
    const refused = await probe([`https://localhost:${port}/api/`]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/certificate/i);
    const run = await probe([`https://localhost:${port}/api/`, '--bearer', '-', '--insecure'], `${token}\n`);
    expect(run.status).toBe(1);
    expect(ids(run.report)).toEqual(['probe/credentials-rejected', 'probe/tls-certificate-invalid', 'probe/token-expired']);
    expect(run.report.findings.find((f) => f.ruleId === 'probe/token-expired')?.message).toMatch(/expired 4 min ago by the server's clock/);
    expect(run.report.findings.find((f) => f.ruleId === 'probe/credentials-rejected')?.message).toContain('invalid_token: The access token expired');
    expect(run.stdout + run.stderr).not.toContain(token.split('.')[1]);
  });

  test('a 401 without a challenge, a preflight that asks for a password, credentials never sent to another host', async () => {
    const other = await listen(http.createServer((req, res) => {
      res.end(req.headers.authorization ? 'LEAKED' : 'ok');
    }));
    const port = await listen(
      http.createServer((req, res) => {
        if (req.url === '/go-away') {
          res.writeHead(302, { Location: `http://127.0.0.2:${other}/landing` });
          return res.end();
        }
        res.statusCode = 401; // no WWW-Authenticate, and OPTIONS too
        res.end();
      }),
    );
    const run = await probe([`http://127.0.0.1:${port}/api/`, '--origin', 'https://app.example', '--user', 'bob'], 'pw\n');
    expect(ids(run.report)).toEqual(['probe/challenge-missing', 'probe/credentials-rejected', 'probe/preflight-requires-auth']);
    const redirected = await probe([`http://127.0.0.1:${port}/go-away`, '--user', 'bob', '--resolve', `127.0.0.2:${other}:127.0.0.1`], 'pw\n');
    const mine = redirected.report.exchanges.find((e) => e.label === 'credentials');
    expect(mine?.hops.map((h) => h.request.authorization)).toEqual(['Basic', null]);
    expect(mine?.hops[1].credentialsWithheld).toMatch(/another host/);
  });

  test('usage: credentials in the URL, a token on the command line, an Authorization header', () => {
    expect(runCli(['probe', 'http://alice:pw@127.0.0.1/']).status).toBe(2);
    expect(runCli(['probe', 'http://127.0.0.1/', '--bearer', 'eyJabc']).stderr).toContain('reads the token from standard input');
    expect(runCli(['probe', 'http://127.0.0.1/', '-H', 'Authorization: Basic x']).status).toBe(2);
    expect(runCli(['probe', 'ftp://127.0.0.1/']).status).toBe(2);
  });
});
