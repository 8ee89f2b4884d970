import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';

/**
 * A big password file is linted window by window (src/htpasswd/windows.ts). Whatever the window
 * size, the findings must be the ones a whole-file read gives: same rules, lines, columns,
 * messages, fixes, summaries of repeats and suppressions. Each file here is linted with windows
 * of a few bytes (a window per line or two) and with the default, and the two are compared.
 */

const RULES = path.join(__dirname, '../src/rules/htpasswd');
const trees = fs
  .readdirSync(RULES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => ['bad', 'good'].map((kind) => path.join(RULES, entry.name, kind)))
  .filter((dir) => fs.existsSync(path.join(dir, 'etc')));

const shape = (root: string, windowBytes?: number) => {
  const result = lint([path.join(root, 'etc')], { root, passwordWindowBytes: windowBytes, fileModes: false });
  return result.findings.map((f) => ({ ...f, file: path.relative(root, f.file) }));
};

test('there are rule fixture trees to compare', () => {
  expect(trees.length).toBeGreaterThan(20);
});

test.each(trees.map((dir) => [path.relative(RULES, dir), dir]))('%s: windows of 1, 7 and 64 bytes read as the whole file', (_name, dir) => {
  const whole = shape(dir);
  for (const windowBytes of [1, 7, 64]) expect(shape(dir, windowBytes)).toEqual(whole);
});

describe('files made to cross window boundaries', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-windows-'));
    fs.mkdirSync(path.join(root, 'etc/nginx'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/nginx/nginx.conf'), 'events {}\nhttp {\n  server {\n    listen 80;\n    location / { auth_basic "x"; auth_basic_user_file /etc/nginx/htpasswd; }\n  }\n}\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const md5 = (user: string) => `${user}:$apr1$abcdefgh$0123456789abcdefghijkl`;
  const bcrypt = (user: string) => `${user}:$2y$05$abcdefghijklmnopqrstuu5RkZ8N9XyZ8m0z2Kq7y3V0l3QkG1M3O`;
  const cases: [string, string | Buffer][] = [
    ['duplicates and case variants far apart', [md5('alice'), ...Array.from({ length: 30 }, (_, i) => bcrypt(`u${i}`)), md5('alice'), md5('Alice'), md5('BOB'), md5('Bob'), md5('bob'), md5('bob')].join('\n') + '\n'],
    ['a backslash line (Apache joins the next)', [bcrypt('a'), bcrypt('b') + '\\', bcrypt('c'), bcrypt('d') + ' \\', bcrypt('e'), bcrypt('f')].join('\n') + '\n'],
    ['CRLF first on a late line, and no final newline', [bcrypt('a'), bcrypt('b'), bcrypt('c'), bcrypt('d') + '\r', bcrypt('e')].join('\n')],
    ['a line over Apache’s buffer in the middle', [bcrypt('a'), `long:${'x'.repeat(9000)}`, bcrypt('b'), md5('c'), 'nocolon', bcrypt('d')].join('\n') + '\n'],
    ['suppressions: next-line across comments, file-wide late, unused, invalid', ['# authlint-disable-next-line htpasswd/md5-based -- legacy', '#', '# more', md5('a'), md5('b'), '# authlint-disable-line htpasswd/md5-based -- unused here', bcrypt('c'), '# authlint-disable-next-line htpasswd/nope -- x', md5('d'), '# authlint-disable-file htpasswd/duplicate-user -- migrating', md5('a')].join('\n') + '\n'],
    ['more than eleven repeats of one rule (summarised)', Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? md5(`m${i}`) : `p${i}:plain${i}`)).join('\n') + '\n'],
    ['a UTF-8 BOM and blanks', '\ufeff' + [md5('a'), ' ' + bcrypt('b'), bcrypt('c') + ' ', 'd :' + bcrypt('x').split(':')[1]].join('\n') + '\n'],
    ['only comments and blank lines', '# nothing\n\n#\n   \n'],
    ['NUL bytes late in the file', Buffer.concat([Buffer.from([bcrypt('a'), bcrypt('b'), bcrypt('c')].join('\n') + '\n'), Buffer.from([0, 0, 10])])],
    ['an htdigest file', Array.from({ length: 6 }, (_, i) => `u${i}:realm:${'0123456789abcdef'.repeat(2)}`).join('\n') + '\n'],
    ['non-ASCII names', [md5('jürgen'), md5('Jürgen'), bcrypt('zoë'), md5('jürgen')].join('\n') + '\n'],
  ];
  test.each(cases)('%s', (_name, content) => {
    fs.writeFileSync(path.join(root, 'etc/nginx/htpasswd'), content);
    const whole = shape(root);
    expect(whole.length).toBeGreaterThan(0);
    for (const windowBytes of [1, 5, 33, 100]) expect(shape(root, windowBytes)).toEqual(whole);
  });
});
