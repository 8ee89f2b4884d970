import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canConnect, prepareTree, sendRequest, stopServer, type PortMap, type RequestOptions, type Response } from './real-nginx';

/** Debian's apache2 binary, or undefined. */
export function findApache(): string | undefined {
  for (const candidate of ['/usr/sbin/apache2', '/usr/sbin/httpd']) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

export interface ApacheTreeOptions {
  /** The main config inside the tree; default etc/apache2/apache2.conf. */
  readonly config?: string;
  /** The ServerRoot inside the tree, for a config that does not set one (Debian's is /etc/apache2). */
  readonly serverRoot?: string;
  /** Run with Debian's envvars (APACHE_RUN_USER, APACHE_LOG_DIR…), paths inside the prefix. */
  readonly debianEnvvars?: boolean;
}

/**
 * A real Apache httpd on a fixture tree (a self-contained etc/apache2/apache2.conf), on
 * 127.0.0.1 and free high ports only, started in the foreground and stopped by PID.
 */
export class RealApache {
  private child?: ChildProcess;
  readonly errorLog: string;

  private constructor(
    readonly binary: string,
    readonly dir: string,
    private readonly ports: PortMap,
    private readonly options: ApacheTreeOptions,
  ) {
    this.errorLog = path.join(dir, 'var/log/apache2/error.log');
  }

  static async prepare(binary: string, fixtureRoot: string, options: ApacheTreeOptions = {}): Promise<RealApache> {
    const { dir, ports } = await prepareTree(fixtureRoot, 'authlint-apache-');
    for (const sub of ['var/run/apache2', 'var/log/apache2', 'var/lock/apache2']) fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o755 });
    return new RealApache(binary, dir, ports, options);
  }

  /**
   * The variables Debian's apache2ctl takes from /etc/apache2/envvars, with every path inside
   * the temp prefix: a tree that ships no envvars of its own is tested as on a Debian machine.
   */
  get debianEnvvars(): Record<string, string> {
    return {
      APACHE_RUN_USER: 'www-data',
      APACHE_RUN_GROUP: 'www-data',
      APACHE_PID_FILE: path.join(this.dir, 'var/run/apache2/apache2.pid'),
      APACHE_RUN_DIR: path.join(this.dir, 'var/run/apache2'),
      APACHE_LOCK_DIR: path.join(this.dir, 'var/lock/apache2'),
      APACHE_LOG_DIR: path.join(this.dir, 'var/log/apache2'),
    };
  }

  /** -f the main config, and -d its ServerRoot when the tree's config leaves it to the default. */
  private get configArgs(): string[] {
    const serverRoot = this.options.serverRoot ? ['-d', path.join(this.dir, this.options.serverRoot)] : [];
    return [...serverRoot, '-f', this.conf];
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.debianEnvvars ? { ...process.env, ...this.debianEnvvars } : process.env;
  }

  /** The port Apache listens on for the fixture's first Listen directive. */
  get port(): number {
    return this.ports.first;
  }

  private get conf(): string {
    return path.join(this.dir, this.options.config ?? 'etc/apache2/apache2.conf');
  }

  test(): { ok: boolean; output: string } {
    const result = spawnSync(this.binary, ['-t', ...this.configArgs], { encoding: 'utf8', timeout: 30_000, env: this.env });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  }

  async start(): Promise<void> {
    fs.writeFileSync(this.errorLog, '');
    this.child = spawn(this.binary, [...this.configArgs, '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'], env: this.env });
    let stderr = '';
    this.child.stderr?.on('data', (chunk) => (stderr += chunk));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`apache2 exited at start: ${stderr}${fs.readFileSync(this.errorLog, 'utf8')}`);
      if (await canConnect(this.ports.first)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('apache2 did not start listening within 10 s');
  }

  async request(urlPath: string, options: RequestOptions = {}): Promise<Response> {
    const logStart = fs.statSync(this.errorLog).size;
    const response = await sendRequest(this.ports.first, urlPath, options);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = fs.readFileSync(this.errorLog, 'utf8').slice(logStart).split('\n').filter(Boolean);
    return { ...response, log };
  }

  /** The PID of the server's main process while it runs (for tests of the harness itself). */
  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  async stop(): Promise<void> {
    await stopServer(this.child, this.dir);
  }
}

/**
 * A small, complete Debian-style apache2.conf (Listen 127.0.0.1:8080, DocumentRoot
 * /var/www/html, the auth modules loaded, `<Directory /var/www/html/admin>` asking for a
 * password) and its password file (alice / s3cret-pass): the base that tests of one Apache
 * behaviour edit.
 */
export function baseApacheConfig(): { config: string; passwords: string } {
  const dir = path.join(__dirname, '../../src/rules/apache/required-module-missing/good/etc/apache2');
  return { config: fs.readFileSync(path.join(dir, 'apache2.conf'), 'utf8'), passwords: fs.readFileSync(path.join(dir, 'htpasswd'), 'utf8') };
}

/** A GET with HTTP Digest (RFC 2617, qop=auth, MD5), as a browser answers the challenge. */
export function digestRequest(port: number, uri: string, user: string, password: string): Promise<number> {
  const send = (headers: Record<string, string>): Promise<http.IncomingMessage> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: uri, headers: { Host: 'localhost', ...headers }, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      });
      req.on('error', reject);
      req.end();
    });
  return send({}).then((first) => {
    const challenge = String(first.headers['www-authenticate'] ?? '');
    const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
    const md5 = (text: string) => crypto.createHash('md5').update(text).digest('hex');
    const [realm, nonce] = [field('realm'), field('nonce')];
    const cnonce = 'authlinttest';
    const nc = '00000001';
    const response = md5(`${md5(`${user}:${realm}:${password}`)}:${nonce}:${nc}:${cnonce}:auth:${md5(`GET:${uri}`)}`);
    const authorization = `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
    return send({ Authorization: authorization }).then((second) => second.statusCode ?? 0);
  });
}

/**
 * A temp tree (a mirror of /) holding `config` as etc/apache2/apache2.conf, the base password file
 * (alice / s3cret-pass) and /var/www/html/admin/index.html ("admin"): for tests that vary one
 * setting of baseApacheConfig(). The caller removes it.
 */
export function writeBaseApacheTree(config: string, prefix = 'authlint-apache-base-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(root, 'etc/apache2'), { recursive: true });
  fs.mkdirSync(path.join(root, 'var/www/html/admin'), { recursive: true });
  fs.writeFileSync(path.join(root, 'etc/apache2/apache2.conf'), config);
  fs.writeFileSync(path.join(root, 'etc/apache2/htpasswd'), baseApacheConfig().passwords);
  fs.writeFileSync(path.join(root, 'var/www/html/admin/index.html'), 'admin\n');
  return root;
}
