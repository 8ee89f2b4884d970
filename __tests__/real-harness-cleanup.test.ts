import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from './helpers/fixtures';
import { canConnect, findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { findApache, RealApache } from './helpers/real-apache';

/**
 * The real-server harness must leave nothing behind: every test starts servers, and a leaked
 * master or worker would hold a port (and the temp prefix) for the rest of the run and after
 * it. This checks the whole process tree, not only the PID the harness spawned, because nginx
 * and Apache fork workers the harness never sees directly.
 */

/** The PID and every descendant of it, read from /proc (Linux only, like the servers here). */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent PID; the command name (field 2) may hold spaces,
      // so read after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(after[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/** Alive and not a zombie: a zombie holds no port and no file, only a table slot. */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

interface Server {
  readonly dir: string;
  readonly pid: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  request(url: string): Promise<{ status: number }>;
}

async function expectNothingLeftBehind(server: Server, port: number): Promise<void> {
  await server.start();
  expect((await server.request('/')).status).toBeGreaterThan(0);
  const tree = processTree(server.pid as number);
  // A master and at least one worker: otherwise this test would not test the forked case.
  expect(tree.length).toBeGreaterThan(1);
  await server.stop();
  expect(tree.filter(isRunning)).toEqual([]);
  expect(await canConnect(port)).toBe(false);
  expect(fs.existsSync(server.dir)).toBe(false);
}

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('the nginx harness', () => {
  test('stop() ends master and workers, frees the port and removes the temp prefix', async () => {
    const server = await RealNginx.prepare(nginx as string, fixturePath('nginx/auth-basic-without-user-file/good'));
    try {
      await expectNothingLeftBehind(server, server.port);
    } finally {
      await server.stop();
    }
  });
});

const apache = findApache();
(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('the Apache harness', () => {
  test('stop() ends the parent and its children, frees the port and removes the temp prefix', async () => {
    const server = await RealApache.prepare(apache as string, fixturePath('apache/missing-authname/good'));
    try {
      await expectNothingLeftBehind(server, server.port);
    } finally {
      await server.stop();
    }
  });
});
