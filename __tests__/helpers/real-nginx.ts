import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs a real nginx on a fixture tree, for tests that check what authlint claims against the
 * server itself. The tree (a mirror of `/`) is copied to a temp dir; `/etc/…`, `/var/…` (and /srv, /run, /tmp)
 * paths in its configs are pointed at the copy and `127.0.0.1:PORT` listeners at a free high
 * port on 127.0.0.1 (never any other address). The server is stopped by PID and the temp dir
 * removed by `stop()`.
 */
export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Under CI=true a missing server is a failure, never a skip. */
export function requireServerOrSkip(binary: string | undefined, name: string): boolean {
  if (binary) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is not installed, and CI=true: real-server tests must run (apt-get install -y ${name})`);
  // eslint-disable-next-line no-console
  console.warn(`SKIPPING real-server tests: ${name} is not installed (apt-get install -y ${name})`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/** Worker processes run as nobody: every directory must be traversable and every file readable. */
function openUp(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(full);
    else fs.chmodSync(full, 0o644);
  }
}

/**
 * Copy a fixture tree (a mirror of /) to a temp dir: /etc, /var, /srv, /run and /tmp paths inside configs
 * point at the copy, listen ports become free ports on 127.0.0.1, every file is readable by the
 * server's workers, and modes.json is applied.
 */
export async function prepareTree(fixtureRoot: string, prefix: string): Promise<{ dir: string; ports: PortMap }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const pool: number[] = [];
  // Enough for the corpus's larger configs (80, 443, 8080, their IPv6 twins, …).
  while (pool.length < 16) {
    const port = await freePort();
    if (!pool.includes(port)) pool.push(port);
  }
  const ports = new PortMap(pool);
  copyTree(fixtureRoot, dir);
  rewrite(dir, dir, ports);
  openUp(dir);
  applyModes(dir);
  return { dir, ports };
}

/** A fixture's modes.json (owners and modes git cannot keep), applied to the copy. */
function applyModes(dir: string): void {
  const modesFile = path.join(dir, 'modes.json');
  if (!fs.existsSync(modesFile)) return;
  const modes: Record<string, { mode: string; uid: number; gid: number }> = JSON.parse(fs.readFileSync(modesFile, 'utf8'));
  for (const [file, want] of Object.entries(modes)) {
    fs.chmodSync(path.join(dir, file), parseInt(want.mode, 8));
    fs.chownSync(path.join(dir, file), want.uid, want.gid);
  }
}

/**
 * Fixture listen ports → free high ports on 127.0.0.1, in order of first appearance. An IPv6
 * listener (`[::]:80`) gets a port of its own (key "[::]:80"): on one address its twin `listen 80`
 * in the same server would otherwise become a duplicate listen that nginx rejects.
 */
export class PortMap {
  private readonly map = new Map<number | string, number>();
  constructor(private readonly pool: number[]) {}
  portFor(fixturePort: number | string): number {
    let port = this.map.get(fixturePort);
    if (port === undefined) {
      port = this.pool.shift();
      if (port === undefined) throw new Error('more listen ports in the fixture than the harness reserved');
      this.map.set(fixturePort, port);
    }
    return port;
  }
  get first(): number {
    return [...this.map.values()][0] ?? this.pool[0];
  }
  mapped(fixturePort: number): number | undefined {
    return this.map.get(fixturePort);
  }
}

/**
 * `listen [addr:]port [flags]` → `listen 127.0.0.1:<free port> [flags]`: tests never bind another
 * address. Apache's `<VirtualHost *:8080>` names the port it answers on, so it follows its Listen.
 */
function rewriteListen(text: string, ports: PortMap): string {
  // nginx writes "listen", Apache "Listen": both get a free port on 127.0.0.1.
  const listens = text.replace(/\b(listen)\s+([^\s;]+)/gi, (_all, word: string, address: string) => {
    const match = /(?:^|:)(\d+)$/.exec(address);
    const port = match ? Number(match[1]) : 80;
    return `${word} 127.0.0.1:${ports.portFor(address.startsWith('[') ? `[v6]:${port}` : port)}`;
  });
  return listens.replace(/^(\s*<VirtualHost\s+)([^>]+)>/gim, (_all, lead: string, addresses: string) => {
    const mapped = addresses.split(/\s+/).map((address) => address.replace(/:(\d+)$/, (_port, port: string) => `:${ports.portFor(Number(port))}`));
    return `${lead}${mapped.join(' ')}>`;
  });
}

function rewrite(dir: string, prefix: string, ports: PortMap): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = fs.readlinkSync(full);
      if (target.startsWith('/')) {
        fs.unlinkSync(full);
        fs.symlinkSync(prefix + target, full);
      }
      continue;
    }
    if (entry.isDirectory()) {
      rewrite(full, prefix, ports);
      continue;
    }
    const text = fs.readFileSync(full, 'utf8');
    // Every config file and snippet; password files (user:hash lines) are left as they are.
    const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    if (lines.length > 0 && lines.every((line) => /^[^\s:]+:[^\s]*$/.test(line))) continue;
    if (!/[;>]|^\s*[A-Z]/m.test(text)) continue;
    const out = rewriteListen(text.replace(/(^|[\s"'])\/(etc|var|srv|run|tmp)\//g, `$1${prefix}/$2/`), ports);
    fs.writeFileSync(full, out);
  }
}

export interface Response {
  readonly status: number;
  readonly wwwAuthenticate?: string;
  /** How many WWW-Authenticate headers came back. */
  readonly challenges: number;
  readonly body: string;
  /** Error-log lines written while this request was served. */
  readonly log: string[];
}

export interface RequestOptions {
  readonly method?: string;
  readonly host?: string;
  readonly user?: string;
  readonly password?: string;
  /** A port as written in the fixture (mapped to the real one); default: the first listen. */
  readonly port?: number;
  readonly headers?: Record<string, string>;
  /** Skip collecting error-log lines (faster, for tests that only compare statuses). */
  readonly noLog?: boolean;
  /** A request body, sent with its Content-Length. */
  readonly body?: string;
}

export interface NginxTreeOptions {
  /** The main configuration inside the tree; default etc/nginx/nginx.conf. */
  readonly config?: string;
  /**
   * Dynamic modules to load first (-g is read before the config file), as Debian's stock
   * nginx.conf does through modules-enabled: for configs written for builds with them compiled in.
   */
  readonly loadModules?: readonly string[];
}

export class RealNginx {
  private child?: ChildProcess;
  readonly errorLog: string;

  private constructor(
    readonly binary: string,
    readonly dir: string,
    private readonly ports: PortMap,
    private readonly options: NginxTreeOptions,
  ) {
    this.errorLog = path.join(dir, 'error.log');
  }

  /** The port nginx listens on for the fixture's first listen directive. */
  get port(): number {
    return this.ports.first;
  }

  /** The real port standing for a port written in the fixture. */
  portFor(fixturePort: number): number {
    const port = this.ports.mapped(fixturePort);
    if (port === undefined) throw new Error(`the fixture does not listen on ${fixturePort}`);
    return port;
  }

  /** Copy a fixture tree into a fresh temp dir, ready for `test()` or `start()`. */
  static async prepare(binary: string, fixtureRoot: string, options: NginxTreeOptions = {}): Promise<RealNginx> {
    const { dir, ports } = await prepareTree(fixtureRoot, 'authlint-nginx-');
    return new RealNginx(binary, dir, ports, options);
  }

  private get config(): string {
    return this.options.config ?? 'etc/nginx/nginx.conf';
  }

  private args(extra: string[]): string[] {
    return [
      '-p', this.dir + '/',
      '-c', path.join(this.dir, this.config),
      '-g', `${(this.options.loadModules ?? []).map((so) => `load_module ${so}; `).join('')}${this.ownPid ? '' : `pid ${path.join(this.dir, 'nginx.pid')}; `}error_log ${this.errorLog} info;${extra.includes('-t') ? '' : ' daemon off;'}`,
      ...extra,
    ];
  }

  /**
   * Whether the main config sets `pid` itself (the harness has pointed it into the prefix): a
   * second one from -g would be a duplicate. Without either, even `nginx -t` opens the compiled-in
   * /run/nginx.pid of this machine.
   */
  private get ownPid(): boolean {
    return /^\s*pid\s/m.test(fs.readFileSync(path.join(this.dir, this.config), 'utf8'));
  }

  /** `nginx -t`: whether the configuration loads, and what nginx printed. */
  test(): { ok: boolean; output: string } {
    const result = spawnSync(this.binary, this.args(['-t']), { encoding: 'utf8', timeout: 30_000 });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  }

  async start(): Promise<void> {
    fs.writeFileSync(this.errorLog, '');
    this.child = spawn(this.binary, this.args([]), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.child.stderr?.on('data', (chunk) => (stderr += chunk));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited at start: ${stderr}${fs.readFileSync(this.errorLog, 'utf8')}`);
      if (await canConnect(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('nginx did not start listening within 10 s');
  }

  async request(urlPath: string, options: RequestOptions = {}): Promise<Response> {
    const logStart = fs.statSync(this.errorLog).size;
    const port = options.port === undefined ? this.port : this.portFor(options.port);
    const { status, wwwAuthenticate, challenges, body } = await sendRequest(port, urlPath, options);
    if (options.noLog) return { status, wwwAuthenticate, challenges, body, log: [] };
    // nginx writes the log line before the response is complete; a short wait covers buffering.
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The start-up probe's connection shows up as "client closed connection while waiting for request".
    const log = fs
      .readFileSync(this.errorLog, 'utf8')
      .slice(logStart)
      .split('\n')
      .filter((line) => line && !line.includes('client closed connection while waiting for request'));
    return { status, wwwAuthenticate, challenges, body, log };
  }

  /** The PID of the server's main process while it runs (for tests of the harness itself). */
  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  async stop(): Promise<void> {
    await stopServer(this.child, this.dir);
  }
}

/** One request to 127.0.0.1:port, with a Basic credential when options.user is set; no keep-alive. */
export function sendRequest(port: number, urlPath: string, options: RequestOptions): Promise<Omit<Response, 'log'>> {
  const headers: Record<string, string> = { Host: options.host ?? 'localhost', ...options.headers };
  if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
  if (options.user !== undefined) {
    headers.Authorization = 'Basic ' + Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64');
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      const challenges = res.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'www-authenticate').length;
      res.on('end', () => resolve({ status: res.statusCode ?? 0, wwwAuthenticate: res.headers['www-authenticate'], challenges, body: text }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Stop a server started in the foreground by its PID (SIGTERM, which both servers answer by
 * ending their workers first; SIGKILL after 5 s), then remove its temp prefix.
 */
export async function stopServer(child: ChildProcess | undefined, dir: string): Promise<void> {
  if (child && child.exitCode === null && child.pid) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
    clearTimeout(timer);
    if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
