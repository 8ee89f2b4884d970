import fc from 'fast-check';
import { parseHtpasswd } from '../src/parsers/htpasswd/parser';
import { apacheView, findUser, nginxView } from '../src/htpasswd/views';

const doc = (text: string | Buffer) => parseHtpasswd(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
const users = (view: ReturnType<typeof nginxView>) => view.entries.map((e) => [e.user, e.hash]);

describe('htpasswd as nginx and Apache read it (catalog §1.4)', () => {
  test('plain entries, comments, blank lines, a third field', () => {
    const d = doc('# admins\n\nalice:$apr1$x$y:Alice\nbob:hash\n');
    expect(users(nginxView(d))).toEqual([['alice', '$apr1$x$y'], ['bob', 'hash']]);
    expect(users(apacheView(d))).toEqual([['alice', '$apr1$x$y'], ['bob', 'hash']]);
    expect(nginxView(d).entries[0].extra).toBe('Alice');
  });

  test('blanks: nginx keeps them, Apache trims the line ends', () => {
    const d = doc('  alice:h1\nbob:h2  \n   # indented comment\n');
    expect(users(nginxView(d))).toEqual([['  alice', 'h1'], ['bob', 'h2  ']]);
    expect(nginxView(d).skipped.map((s) => s.reason)).toContain('no-colon');
    expect(users(apacheView(d))).toEqual([['alice', 'h1'], ['bob', 'h2']]);
    expect(apacheView(d).skipped.map((s) => s.reason)).toEqual(['comment']);
  });

  test('a BOM stays in the first user name on both servers', () => {
    const d = doc(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('alice:h\nbob:h\n')]));
    expect(d.utf8Bom).toBe(true);
    expect(findUser(nginxView(d), 'alice')).toBeUndefined();
    expect(findUser(apacheView(d), 'alice')).toBeUndefined();
    expect(findUser(nginxView(d), 'bob')).toBeDefined();
  });

  test('CRLF: the CR is not part of the hash', () => {
    const d = doc('alice:h1\r\nbob:h2\r\n');
    expect(users(nginxView(d))).toEqual([['alice', 'h1'], ['bob', 'h2']]);
    expect(d.lineEnds).toEqual({ lf: 0, crlf: 2, bareCr: 0 });
  });

  test('CR-only line ends: nginx reads the first entry only, Apache one long line', () => {
    const d = doc('alice:h1\rbob:h2\r');
    expect(users(nginxView(d))).toEqual([['alice', 'h1']]);
    expect(users(apacheView(d))).toEqual([['alice', 'h1bob']]);
  });

  test('a line without a colon: nginx skips it, Apache reads a user with an empty hash', () => {
    const d = doc('alice\n');
    expect(nginxView(d).entries).toEqual([]);
    expect(users(apacheView(d))).toEqual([['alice', '']]);
  });

  test('Apache joins a line ending in a backslash with the next', () => {
    const d = doc('alice:h1\\\nbob:h2\ncarol:h3\n');
    expect(users(apacheView(d))).toEqual([['alice', 'h1bob'], ['carol', 'h3']]);
    expect(users(nginxView(d))).toEqual([['alice', 'h1\\'], ['bob', 'h2'], ['carol', 'h3']]);
  });

  test('Apache stops at a line over 8 KiB; nginx reads on', () => {
    const d = doc(`alice:h1\n#${'x'.repeat(9000)}\nbob:h2\n`);
    expect(users(apacheView(d))).toEqual([['alice', 'h1']]);
    expect(users(nginxView(d))).toEqual([['alice', 'h1'], ['bob', 'h2']]);
  });

  test('the first entry of a user wins', () => {
    const d = doc('alice:first\nalice:second\n');
    expect(findUser(nginxView(d), 'alice')?.hash).toBe('first');
    expect(findUser(apacheView(d), 'alice')?.hash).toBe('first');
  });

  test('ranges point at the user and the hash', () => {
    const d = doc('# c\nalice:$apr1$abc\n');
    const entry = nginxView(d).entries[0];
    expect(entry.userRange).toMatchObject({ start: { line: 2, column: 1 }, end: { line: 2, column: 6 } });
    expect(entry.hashRange).toMatchObject({ start: { line: 2, column: 7 }, end: { line: 2, column: 16 } });
  });

  test('UTF-16 is recognised', () => {
    expect(doc(Buffer.from('\ufeffalice:h\n', 'utf16le')).utf16).toBe(true);
  });

  test('fuzz: any bytes parse, both views stay within the text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.constantFrom(':', '\n', '\r', ' ', '#', '\\', 'a', '$', '\uFEFF'), { maxLength: 200 }), (bytes, chars) => {
        for (const input of [Buffer.from(bytes), Buffer.from(chars.join(''), 'utf8')]) {
          const d = parseHtpasswd(input);
          for (const view of [nginxView(d), apacheView(d)]) {
            for (const entry of view.entries) {
              expect(entry.hashRange.end.offset).toBeLessThanOrEqual(d.text.length);
              expect(entry.userRange.start.offset).toBeLessThanOrEqual(entry.hashRange.end.offset);
            }
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
