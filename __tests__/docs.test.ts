import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The documentation stays short where it must, generated where it can be, and every link in it resolves. */

const REPO = path.resolve(__dirname, '..');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

test('the README is short (under 10 KB) and links the user guide, rules, security and contributing docs', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  expect(Buffer.byteLength(readme)).toBeLessThan(10_000);
  for (const link of ['docs/user-guide/README.md', 'docs/rules/README.md', 'SECURITY.md', 'docs/contributing/README.md']) expect(readme).toContain(`](${link})`);
  expect(readme).toContain('npm install && npm test');
});

test('docs/rules/ (the table, and each rule\'s page from its folder\'s README.md) is generated and up to date', () => {
  const run = spawnSync(process.execPath, [path.join(REPO, 'scripts/rules-table.js'), '--check'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

test('every relative link in the README and docs/ points at a file that exists', () => {
  const files = [path.join(REPO, 'README.md'), path.join(REPO, 'SECURITY.md'), ...markdownFiles(path.join(REPO, 'docs')), ...markdownFiles(path.join(REPO, 'src/rules'))];
  const broken: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1].split('#')[0];
      if (target === '' || /^[a-z]+:/.test(target)) continue;
      if (!fs.existsSync(path.resolve(path.dirname(file), target))) broken.push(`${path.relative(REPO, file)} → ${match[1]}`);
    }
  }
  expect(broken).toEqual([]);
});

test('Apache examples in the docs have no comment after a directive (httpd reads it as arguments)', () => {
  const files = [...markdownFiles(path.join(REPO, 'docs')), ...markdownFiles(path.join(REPO, 'src/rules'))];
  const trailing: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const block of text.matchAll(/```apache\n([\s\S]*?)```/g)) {
      for (const line of block[1].split('\n')) if (/^\s*[^#\s].*\s#/.test(line) && !/"[^"]*#[^"]*"/.test(line)) trailing.push(`${path.relative(REPO, file)}: ${line.trim()}`);
    }
  }
  expect(trailing).toEqual([]);
});
