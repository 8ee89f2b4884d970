import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, REPO } from '../helpers/cli';

/**
 * The adversarial harness: a hostile tree under a --root, with marker files outside it, and the
 * real CLI run as a child process under strace (when the machine has it) so that every file the
 * process opens is seen — not what authlint says it opened. Each run has a hard time bound
 * (killed after it: a failure) and a heap bound (node's own: exceeding it crashes the run).
 */

export const MARKER = 'MARKER-7f3a9c-outside-the-root';
/** Heap limit for every run: a hostile input that makes authlint allocate without bound crashes it. */
const HEAP_MB = 400;
const TIME_LIMIT_MS = 20_000;

export const STRACE = ['/usr/bin/strace', '/bin/strace'].find((candidate) => fs.existsSync(candidate));
/** coreutils' timeout(1), on every Debian machine. */
const TIMEOUT = ['/usr/bin/timeout', '/bin/timeout'].find((candidate) => fs.existsSync(candidate)) ?? 'timeout';
if (!STRACE) {
  if (process.env.CI === 'true') throw new Error('strace is required for the security suite under CI=true (apt-get install strace)');
  console.warn('security suite: strace not found — file opens are not traced, only outputs are checked (install strace)');
}

export interface Sandbox {
  /** The temp directory holding everything. */
  readonly dir: string;
  /** The --root directory. */
  readonly root: string;
  /** A directory outside the root with marker files in it (secret.conf, htpasswd). */
  readonly outside: string;
  /** Write a file under the root (path relative to it, as the server sees it without the leading /). */
  write(relative: string, text: string | Buffer): string;
  /** A symbolic link under the root. */
  link(relative: string, target: string): string;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-sec-')));
  const root = path.join(dir, 'root');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.conf'), `# ${MARKER}\nlocation /${MARKER} { auth_basic off; }\n`);
  fs.writeFileSync(path.join(outside, 'htpasswd'), `${MARKER}:$apr1$abcdefgh$${MARKER.slice(0, 22)}\n`);
  fs.writeFileSync(path.join(outside, 'apache.conf'), `# ${MARKER}\nAuthName "${MARKER}"\n`);
  const write = (relative: string, text: string | Buffer): string => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const link = (relative: string, target: string): string => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(target, file);
    return file;
  };
  return { dir, root, outside, write, link, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TracedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every path the process (and its children) opened, resolved; empty without strace. */
  readonly opened: string[];
  readonly timedOut: boolean;
}

/** Run the CLI with a time and heap bound, under strace when available. */
export function runTraced(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer; timeoutMs?: number } = {}): TracedRun {
  const traceFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-trace-')), 'trace');
  const limitMs = options.timeoutMs ?? TIME_LIMIT_MS;
  // coreutils' timeout kills the run itself: killing strace (spawnSync's timeout) would leave the
  // traced node running on, a hung run burning a core for the rest of the suite.
  const node = [TIMEOUT, '-k', '2', `${Math.ceil(limitMs / 1000)}`, process.execPath, `--max-old-space-size=${HEAP_MB}`, process.env.AUTHLINT_TEST_BIN ?? BIN, ...args];
  const command = STRACE ? [STRACE, '-f', '-qq', '-e', 'trace=open,openat,openat2,creat', '-o', traceFile, ...node] : node;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), ...options.env };
  const result = spawnSync(command[0], command.slice(1), {
    cwd: options.cwd ?? REPO,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: limitMs + 10_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  let opened: string[] = [];
  if (STRACE && fs.existsSync(traceFile)) {
    // Opens through links are only caught on their real path: resolve each one that exists.
    const cwd = options.cwd ?? REPO;
    opened = [...fs.readFileSync(traceFile, 'utf8').matchAll(/open(?:at2?)?\((?:[A-Z_0-9]+|-?\d+), "([^"]*)"|creat\("([^"]*)"/g)].map((m) => {
      const named = path.resolve(cwd, m[1] ?? m[2]);
      try {
        return fs.realpathSync(named);
      } catch {
        return named;
      }
    });
  }
  fs.rmSync(path.dirname(traceFile), { recursive: true, force: true });
  // timeout(1) exits 124 when it stopped the run (TERM), 137 when it had to KILL it.
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || result.status === 124 || result.status === 137;
  return { status: timedOut ? null : result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', opened, timedOut };
}

/**
 * The checks every adversarial run must pass: it ended by itself in time with a usage-level exit
 * (0 to 4, never an internal error or a crash), printed no marker text, no stack trace, and opened nothing outside.
 */
export function expectContained(run: TracedRun, box: Sandbox, options: { allowOpen?: (file: string) => boolean } = {}): void {
  expect(run.timedOut).toBe(false);
  expect(run.signal).toBeNull();
  expect([0, 1, 2, 3, 4]).toContain(run.status); // never 5 (internal error) or a signal
  expect(run.stdout + run.stderr).not.toContain(MARKER);
  expect(run.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(run.stderr).not.toContain('internal error');
  const outsideOpens = run.opened.filter((file) => file.startsWith(box.outside) && !(options.allowOpen?.(file) ?? false));
  expect(outsideOpens).toEqual([]);
}

/** Every output format, for checks that must hold in all of them. */
export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
