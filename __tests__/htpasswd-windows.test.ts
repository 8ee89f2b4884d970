import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { parseHtpasswd } from '../src/parsers/htpasswd/parser';
import { APACHE_MAX_LINE_BYTES } from '../src/htpasswd/views';
import { scanPasswordFile } from '../src/htpasswd/windows';

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
    ['an empty file', ''],
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

/**
 * The first pass splits lines without the parser (to make no line objects): its facts must be
 * the ones read off parseHtpasswd's whole-file document, as the rules read them before windows.
 */
describe('the first pass finds what a whole-file parse finds', () => {
  const reference = (bytes: Buffer) => {
    const doc = parseHtpasswd(bytes);
    const crlfLine = doc.lines.find((l) => l.crlf);
    const long = doc.lines.find((l) => l.byteLength > APACHE_MAX_LINE_BYTES);
    const userLines = doc.lines.filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#') && !l.text.startsWith('\r') && l.text.trim().includes(':'));
    return {
      byteLength: doc.byteLength,
      utf8Bom: doc.utf8Bom,
      utf16: doc.utf16,
      lineEnds: doc.lineEnds,
      endsWithNewline: doc.endsWithNewline,
      lineCount: doc.lines.length,
      hasEntryLine: doc.lines.some((l) => l.text.trim() !== '' && !l.text.trimStart().startsWith('#')),
      isHtdigest: userLines.length > 0 && userLines.every((l) => /^[^:]+:[^:]*:[0-9a-f]{32}$/.test(l.text.trim())),
      ...(crlfLine ? { firstCrlf: doc.index.range(crlfLine.offset + crlfLine.text.length, crlfLine.offset + crlfLine.text.length + 1) } : {}),
      ...(long
        ? { firstTooLong: { line: long.number, byteLength: long.byteLength, range: doc.index.range(long.offset, long.offset + long.text.length), colonLinesBelow: doc.lines.filter((l) => l.number > long.number && l.text.includes(':')).length } }
        : {}),
      comments: doc.lines
        .filter((l) => l.text.startsWith('#') && l.text.includes('authlint-disable'))
        .map((l) => ({
          text: l.text.slice(1),
          range: doc.index.range(l.offset, l.offset + l.text.length),
          nextLine: doc.lines.find((n) => n.number > l.number && n.text.trim() !== '' && !n.text.startsWith('#'))?.number ?? l.number + 1,
          trailing: false,
        })),
    };
  };
  const scanned = (bytes: Buffer, windowBytes: number) => {
    const file = path.join(os.tmpdir(), `authlint-scan-${process.pid}`);
    fs.writeFileSync(file, bytes);
    const fd = fs.openSync(file, 'r');
    try {
      const { windows, ...facts } = scanPasswordFile(fd, bytes.length, windowBytes);
      expect(windows.length).toBeGreaterThan(0);
      return facts;
    } finally {
      fs.closeSync(fd);
      fs.rmSync(file);
    }
  };
  const samples: [string, Buffer][] = [
    ['CRLF, bare CR, CR at the end', Buffer.from('a:b\r\nc:d\re:f\n\r\ng:h\r')],
    ['CR only', Buffer.from('a:b\rc:d\re:f\r')],
    ['BOM, comments, blanks, no final newline', Buffer.from('\ufeff# authlint-disable-file htpasswd/md5-based -- x\n\n  \n#c\n # authlint-disable-line x -- y\nu:$apr1$x$y')],
    ['UTF-16', Buffer.from('\ufeffa:b\n', 'utf16le')],
    ['a long line of multi-byte characters and invalid UTF-8', Buffer.concat([Buffer.from('a:b\n' + 'é'.repeat(4200) + '\n'), Buffer.from([0xc3, 0x0a, 0xff, 0xfe, 0x3a, 0x0a]), Buffer.from('c:d\n')])],
    ['an ASCII line over the buffer, colons below', Buffer.from(`a:b\n${'x'.repeat(8192)}\nc:d\nnocolon\ne:f\n`)],
    ['htdigest', Buffer.from('u:r:0123456789abcdef0123456789abcdef\n#x\nv:r:0123456789abcdef0123456789abcdef\n')],
    ['empty', Buffer.alloc(0)],
    ['a lone LF', Buffer.from('\n')],
  ];
  test.each(samples)('%s', (_name, bytes) => {
    const expected = reference(bytes);
    for (const windowBytes of [1, 3, 10, 1 << 20]) {
      expect(scanned(bytes, windowBytes)).toEqual(expected);
    }
  });
});
