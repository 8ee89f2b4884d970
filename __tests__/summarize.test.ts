import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';
import type { Finding } from '../src/core/finding';
import { RepeatFolder, summarizeRepeats } from '../src/engine/summarize';

/** A rule that fires on every line of a big password file: ten findings, then one that counts the rest. */
test('90,000 MD5 lines give 10 findings and one summary, not 90,000', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-sum-'));
  try {
    const file = path.join(dir, 'htpasswd');
    fs.writeFileSync(file, Array.from({ length: 2000 }, (_, i) => `user${i}:$apr1$abcdefgh$0123456789abcdefghijkl`).join('\n') + '\n');
    const md5 = lint([file], { type: 'htpasswd' }).findings.filter((f) => f.ruleId === 'htpasswd/md5-based');
    expect(md5).toHaveLength(11);
    expect(md5.slice(0, 10).map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(md5[10].message).toMatch(/^1,990 more lines of this file have the same problem \(lines 11–2000\)/);
    // Eleven of one rule are all shown: a summary of one line would say less than the line.
    fs.writeFileSync(file, Array.from({ length: 11 }, (_, i) => `user${i}:$apr1$abcdefgh$0123456789abcdefghijkl`).join('\n') + '\n');
    expect(lint([file], { type: 'htpasswd' }).findings.filter((f) => f.ruleId === 'htpasswd/md5-based')).toHaveLength(11);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('RepeatFolder gives what summarizeRepeats gives, taking findings one by one', () => {
  const make = (ruleId: string, file: string, line: number, severity: Finding['severity'], message: string): Finding => ({ ruleId, severity, message, file, line, column: 1, endLine: line, endColumn: 5, related: [], docsUrl: 'x' });
  test.each([0, 1, 10, 11, 12, 13, 40])('%i findings of one rule, mixed with others', (count) => {
    const findings: Finding[] = [];
    for (let i = 1; i <= count; i++) findings.push(make('htpasswd/md5-based', '/h', i, i === count - 1 ? 'error' : 'warning', i > 11 ? '' : `line ${i}`));
    for (let i = 1; i <= 14; i++) findings.push(make('htpasswd/ssha', i % 2 ? '/h' : '/g', 100 + i, 'info', `s ${i}`));
    findings.push(make('nginx/x', '/n', 1, 'error', 'config'));
    const folder = new RepeatFolder();
    for (const finding of findings) folder.add(finding);
    const key = (f: Finding) => `${f.ruleId} ${f.file} ${f.line} ${f.severity} ${f.message}`;
    expect(folder.finish().map(key).sort()).toEqual(summarizeRepeats(findings).map(key).sort());
  });
});
