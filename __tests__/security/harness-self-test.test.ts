import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTraced } from './harness';

/**
 * The harness itself: a run that hangs is stopped at its time limit and counted as timed out,
 * and nothing of it is left running (with strace in between, killing the tracer alone used to
 * leave the traced node spinning for the rest of the suite).
 */
test('a hung run is stopped, reported as timed out, and not left running', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-hang-'));
  const script = path.join(dir, 'hang.js');
  fs.writeFileSync(script, 'setInterval(() => {}, 1000);\n');
  try {
    process.env.AUTHLINT_TEST_BIN = script;
    const run = runTraced([], { timeoutMs: 2000 });
    expect(run.timedOut).toBe(true);
    let left = '';
    try {
      left = execFileSync('pgrep', ['-af', script], { encoding: 'utf8' });
    } catch {
      left = ''; // pgrep exits 1 when nothing matches
    }
    expect(left).toBe('');
  } finally {
    delete process.env.AUTHLINT_TEST_BIN;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
