import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { translatePcre } from '../src/http/pcre';
import { CORPUS, HAVE_CORPUS } from './helpers/crossplane';

/**
 * The PCRE2 translation (src/http/pcre.ts) against real PCRE2: every pattern is run by
 * `pcre2test` (Debian's pcre2-utils, the library nginx and httpd link) on every subject, in
 * 8-bit non-UTF mode as the servers call it, and the translated JavaScript regex must agree on
 * whether it matches and on the matched text and groups.
 */
const PCRE2TEST = ['/usr/bin/pcre2test', '/usr/local/bin/pcre2test'].find((p) => fs.existsSync(p));
if (!PCRE2TEST) {
  if (process.env.CI === 'true') throw new Error('pcre2test is not installed, and CI=true: apt-get install -y pcre2-utils');
  // eslint-disable-next-line no-console
  console.warn('SKIPPING the PCRE2 differential test: pcre2test is not installed (apt-get install -y pcre2-utils)');
}
const run = PCRE2TEST ? describe : describe.skip;

type Case = [pattern: string, subjects: string[], caseless?: boolean];

const CASES: Case[] = [
  ['\\Q.php\\E$', ['/admin/x.php', '/admin/xphp', '/x.php\n']],
  ['\\Q(a+)\\E+', ['(a+)))', '(a+', 'aaa']],
  ['[\\Q]\\E-z]+', [']]^_', 'abc', '-']],
  ['^/posix/[[:digit:]]+$', ['/posix/123', '/posix/12a', '/posix/']],
  ['^[[:alpha:][:space:]]+$', ['ab c', 'ab1', '\t\n']],
  ['^[[:^digit:]]+$', ['abc', 'a1']],
  ['^[[:punct:]]+$', ['!@#', 'a!']],
  ['^[[:xdigit:]]{2}$', ['fF', 'fg']],
  ['^[[:word:]]+$', ['a_1', 'a-1']],
  ['^/(?P<id>[a-z]+)-(?P=id)$', ['/ab-ab', '/ab-ba']],
  ['^/(?<id>[a-z]+)/\\k<id>$', ['/ab/ab', '/ab/ba']],
  ["^/(?'id'[a-z]+)/\\k{id}/\\g{id}$", ['/ab/ab/ab', '/ab/ab/b']],
  ['^(a)(b)?\\g{-2}$', ['aba', 'aa', 'ab']],
  ['(?i)^/case/', ['/CASE/x', '/case/', '/Case']],
  ['^/mixed/(?i:abc)/DEF$', ['/mixed/AbC/DEF', '/mixed/abc/def']],
  ['^/a(?i)b|c$', ['/aB', 'C', '/Ab']],
  ['^(?i)a(?-i)b$', ['Ab', 'AB']],
  ['^(?x) a b c # comment', ['abc', 'a b c']],
  ['^(?xx)[a b]+$', ['ab', 'a b']],
  ['^(?s).$', ['\n', 'a']],
  ['^.$', ['\n', 'a']],
  ['(?m)^b$', ['a\nb\nc', 'ab']],
  ['^a$', ['a\n', 'a\n\n', 'a']],
  ['^a\\z', ['a\n', 'a']],
  ['^a\\Z', ['a\n', 'a', 'a\n\n']],
  ['\\A/anchor', ['/anchor', 'x/anchor']],
  ['^(?>a+)ab$', ['aaab', 'ab']],
  ['^a++b$', ['aaab']],
  ['^a*+a$', ['aaa']],
  ['^(?:ab)?+ab$', ['abab', 'ab']],
  ['^a{2,3}+a$', ['aaaa', 'aaa']],
  ['^/x{,2}$', ['/x{,2}', '/xx']],
  ['^x{2}$', ['xx', 'x']],
  ['^a{2,}?', ['aaaa']],
  ['^\\p{Lu}+$', ['ABC', 'AbC']],
  ['^\\p{L}+$', ['abc', 'a1']],
  ['^\\P{N}+$', ['abc', 'a1']],
  ['^\\pN+$', ['123', 'a']],
  ['^\\p{Greek}?x$', ['x']],
  ['^\\p{Xwd}+$', ['a_1', 'a-']],
  ['^\\s$', ['\x0b', '\xa0', ' ']],
  ['^\\S$', ['\x0b', 'a']],
  ['^\\h+$', [' \t', '\n']],
  ['^\\v+$', ['\n\r\x0b', ' ']],
  ['^a\\Rb$', ['a\r\nb', 'a\nb', 'ab']],
  ['^\\N+$', ['abc', 'a\nb']],
  ['^\\w+$', ['abc_1', 'é']],
  ['^\\d+$', ['123', '１']],
  ['^/u/.$', ['/u/é', '/u/e']],
  ['^/u/..$', ['/u/é']],
  ['^/u/[é]$', ['/u/é']],
  ['^\\x41\\x{42}\\101\\o{103}$', ['ABAC']],
  ['^\\cA$', ['\x01']],
  ['^\\e\\a$', ['\x1b\x07']],
  ['[%-\\Q]\\E]', ['!', '%', ']']],
  ['^[\\w-]+$', ['a-', '+']],
  ['^[a\\-z]+$', ['-', 'b']],
  ['^[]a]+$', [']a', 'b']],
  ['^[^]a]+$', ['bc', ']']],
  ['^[\\w.-]+$', ['a.b-c', 'a b']],
  ['^[A-Z]+$', ['abc', 'ABC'], true],
  ['^[^a-c]+$', ['ABC', 'xyz'], true],
  ['^abc$', ['ABC', 'aBc'], true],
  ['\\bfoo\\b', ['a foo b', 'afoo']],
  ['\\Bfoo', ['afoo', 'foo']],
  ['^(a|b)*c', ['ababc', 'abd']],
  ['(?<=/admin)/x', ['/admin/x', '/other/x']],
  ['(?<!/admin)/x$', ['/admin/x', '/other/x']],
  ['^/(?!admin)', ['/admin', '/public']],
  ['^(?#comment)a$', ['a']],
  ['^(?n)(a)(?<n>b)\\k<n>$', ['abb']],
  ['^(?U)a+', ['aaa']],
  ['^(?U)a+?', ['aaa']],
  ['^a.c$', ['a\x00c']],
  ['^\\.php$', ['.php']],
  ['^\\/admin\\/', ['/admin/']],
  ['}{]', ['}{]']],
  ['^(?^i)a', ['a']],
  ['^(?i)(?^)a', ['A', 'a']],
  ['^a{1,3}?b', ['aab']],
  ['\\.(jpg|jpeg|png|gif|ico|css|js)$', ['/x/a.css', '/x/a.cssx']],
  ['^/(?:index|main)\\.php(?:/|$)', ['/index.php', '/main.php/x', '/main.phpx']],
  ['^(.+\\.php)(/.+)$', ['/a/b.php/c/d']],
  ['/\\.(?!well-known)', ['/.git', '/.well-known/x']],
];

const UNSUPPORTED = ['^(a(?1)?b)$', '^(?R)?$', '(?(1)a|b)', '(?|(a)|(b))', 'a\\Kb', '(*SKIP)a', '(*UTF)a', '(?C1)a', '\\X', '(?i)(a)\\1', '(?<n>a)(?<n>b)'];

/** pcre2test subject syntax: printable ASCII as is, every other byte (and backslash) escaped. */
function subjectLine(subject: string): string {
  const bytes = Buffer.from(subject, 'utf8');
  let out = '';
  for (const byte of bytes) out += byte > 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x{${byte.toString(16)}}`;
  return `    ${out}`;
}

/** A match as pcre2test prints it: groups 0…n (non-printing bytes as \x{hh}), or null. */
function ours(pattern: string, subject: string, caseless: boolean): string[] | null {
  const result = translatePcre(pattern, { caseless });
  if (!result.ok) throw new Error(`${pattern}: ${result.reason}`);
  const match = result.regex.exec(subject);
  if (!match) return null;
  const groups = [...match].map((g) => (g === undefined ? '<unset>' : printable(g)));
  while (groups.length > 1 && groups[groups.length - 1] === '<unset>') groups.pop();
  return groups;
}

function printable(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return out;
}

function theirs(): (string[] | null)[][] {
  let input = '';
  for (const [pattern, subjects, caseless] of CASES) {
    const delimiter = ['/', '!', '"', '%', '&', ',', ';', '@', '~', '`'].find((d) => !pattern.includes(d)) as string;
    input += `${delimiter}${pattern}${delimiter}${caseless ? 'i' : ''}\n${subjects.map(subjectLine).join('\n')}\n\n`;
  }
  const result = spawnSync(PCRE2TEST as string, ['-q'], { input, encoding: 'latin1' });
  const blocks = result.stdout.split(/\n\n/).filter((b) => b.trim());
  return blocks.map((block) => {
    const lines = block.split('\n').slice(1);
    const answers: (string[] | null)[] = [];
    for (const line of lines) {
      if (/^ {4}/.test(line)) answers.push(null);
      else if (line === 'No match') continue;
      else {
        const group = /^ *(\d+): (.*)$/.exec(line);
        if (!group) continue;
        const current = answers[answers.length - 1] ?? (answers[answers.length - 1] = []);
        (current as string[])[Number(group[1])] = group[2].replace(/\\x\{([0-9a-f]+)\}/g, (_a, hex: string) => `\\x${hex.padStart(2, '0')}`);
      }
    }
    return answers.map((a) => (a === null ? null : Array.from(a, (g) => g ?? '<unset>')));
  });
}

run('PCRE2 translation agrees with pcre2test', () => {
  test('every pattern translates, and matches (and captures) as PCRE2 does on every subject', () => {
    const expected = theirs();
    expect(expected.length).toBe(CASES.length);
    const disagreements: string[] = [];
    CASES.forEach(([pattern, subjects, caseless = false], i) => {
      subjects.forEach((subject, j) => {
        const want = expected[i][j];
        const got = ours(pattern, subject, caseless);
        if (JSON.stringify(want) !== JSON.stringify(got)) disagreements.push(`/${pattern}/${caseless ? 'i' : ''} on ${JSON.stringify(subject)}: PCRE2 ${JSON.stringify(want)}, ours ${JSON.stringify(got)}`);
      });
    });
    expect(disagreements).toEqual([]);
  });

  test('constructs with no JavaScript equivalent are reported, never translated to "no match"', () => {
    for (const pattern of UNSUPPORTED) {
      const result = translatePcre(pattern);
      expect({ pattern, ok: result.ok }).toEqual({ pattern, ok: false });
    }
  });

  test('patterns PCRE2 rejects are rejected too', () => {
    for (const pattern of ['a{3,2}', '*a', '(a', 'a)', '[a', '\\', '\\p{Nonsense}', '\\x{100}', '[\\d-z]', '[a-\\d]', '[[:digit:]-z]', '[a-[:digit:]]']) {
      expect({ pattern, ok: translatePcre(pattern).ok }).toEqual({ pattern, ok: false });
    }
  });
});

/**
 * Every location and rewrite regex of the shared nginx corpus (real public configs), against URIs
 * of the kinds those configs serve: the translation must agree with PCRE2 on each, or say it
 * cannot translate the pattern.
 */

const SAMPLE_URIS = ['/', '/index.php', '/admin/', '/admin/index.php', '/wp-admin/install.php', '/wp-login.php', '/static/app.css', '/static/app.CSS', '/img/a.PNG', '/.git/config', '/.well-known/acme-challenge/x', '/.htaccess', '/api/v1/users/42', '/robots.txt', '/favicon.ico', '/a/b/c.js', '/x.php/y', '/upload/../etc', '/%C3%A9t%C3%A9', '/nextcloud/remote.php/dav', '/status', '/~user/', '/file.tar.gz'];

function corpusRegexes(): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const text = fs.readFileSync(full, 'latin1');
        for (const m of text.matchAll(/^\s*(?:location\s+~\*?|rewrite)\s+("([^"]+)"|'([^']+)'|([^\s;{"']+))/gm)) found.add(m[2] ?? m[3] ?? m[4]);
      }
    }
  };
  walk(path.join(CORPUS, 'nginx'));
  return [...found].filter((p) => p.length > 0);
}

(PCRE2TEST && HAVE_CORPUS ? describe : describe.skip)('PCRE2 translation on the corpus regexes', () => {
  test('agrees with pcre2test on every translatable corpus regex and sample URI', () => {
    const patterns = corpusRegexes();
    expect(patterns.length).toBeGreaterThan(50);
    let input = '';
    const used: string[] = [];
    for (const pattern of patterns) {
      const delimiter = ['/', '!', '"', '%', '&', ',', ';', '@', '~', '`'].find((d) => !pattern.includes(d));
      if (!delimiter) continue;
      used.push(pattern);
      input += `${delimiter}${pattern}${delimiter}\n${SAMPLE_URIS.map(subjectLine).join('\n')}\n\n`;
    }
    const output = spawnSync(PCRE2TEST as string, ['-q'], { input, encoding: 'latin1' }).stdout;
    const blocks = output.split(/\n\n/).filter((b) => b.trim());
    expect(blocks.length).toBe(used.length);
    const disagreements: string[] = [];
    let compared = 0;
    blocks.forEach((block, i) => {
      const compiled = !/^Failed: /m.test(block);
      const ours = translatePcre(used[i]);
      if (!compiled) {
        if (ours.ok) disagreements.push(`${used[i]}: PCRE2 rejects it, the translation accepts it`);
        return;
      }
      if (!ours.ok) return; // said plainly: undecided
      const lines = block.split('\n').slice(1);
      let subject = -1;
      const matched: boolean[] = [];
      for (const line of lines) {
        if (/^ {4}/.test(line)) matched[++subject] = false;
        else if (/^ 0: /.test(line)) matched[subject] = true;
      }
      SAMPLE_URIS.forEach((uri, j) => {
        compared++;
        const got = ours.regex.test(uri);
        if (got !== matched[j]) disagreements.push(`${used[i]} on ${uri}: PCRE2 ${matched[j]}, ours ${got}`);
      });
    });
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });
});
