import { lintFixture, ranges } from './helpers/fixtures';

describe('inline suppressions', () => {
  test('a suppression with a reason silences its finding; a trailing authlint-disable-line too', () => {
    expect(ranges('generic/unused-suppression/good')).toEqual([]);
  });

  test('without suppressions (--no-inline-config) the findings come back', () => {
    expect(lintFixture('generic/unused-suppression/good', { inlineConfig: false }).findings.map((f) => f.ruleId)).toEqual([
      'nginx/auth-file-relative-path',
      'nginx/sibling-location-not-protected',
    ]);
  });

  test('an unused suppression is reported at the comment', () => {
    expect(ranges('generic/unused-suppression/bad')).toEqual([{ ruleId: 'generic/unused-suppression', file: 'etc/nginx/nginx.conf', range: [7, 13, 7, 113] }]);
  });

  test('a suppression without a reason, or naming an unknown rule, suppresses nothing and is reported', () => {
    expect(ranges('generic/invalid-suppression/bad')).toEqual([
      { ruleId: 'generic/invalid-suppression', file: 'etc/nginx/nginx.conf', range: [7, 13, 7, 71] },
      { ruleId: 'nginx/auth-file-relative-path', file: 'etc/nginx/nginx.conf', range: [8, 34, 8, 42] },
      { ruleId: 'generic/invalid-suppression', file: 'etc/nginx/nginx.conf', range: [10, 9, 10, 76] },
    ]);
    expect(ranges('generic/invalid-suppression/good')).toEqual([]);
  });

  test('the suppression rules can be turned off like any other', () => {
    expect(lintFixture('generic/unused-suppression/bad', { ruleSettings: new Map([['generic/unused-suppression', 'off']]) }).findings).toEqual([]);
  });
});

describe('suppressions in password files', () => {
  test('# authlint-disable-file in an htpasswd file', () => {
    const { makeTree, removeTree } = require('./helpers/tree');
    const path = require('node:path');
    const { lint } = require('../src/lint');
    const dir = makeTree({
      'htpasswd': '# authlint-disable-file htpasswd/md5-based -- old clients, replaced in Q3\nalice:$apr1$abcdefgh$0123456789abcdefghijkl\n',
      'htpasswd.other': 'bob:$apr1$abcdefgh$0123456789abcdefghijkl\n',
    });
    const ids = lint([dir], { type: 'htpasswd' }).findings.map((f: { ruleId: string; file: string }) => `${path.basename(f.file)} ${f.ruleId}`);
    expect(ids).not.toContain('htpasswd htpasswd/md5-based');
    expect(ids).toContain('htpasswd.other htpasswd/md5-based');
    removeTree(dir);
  });
});

describe('suppressions in Apache files', () => {
  test('# authlint-disable-next-line in apache2.conf, with the same rules as in nginx files', () => {
    const fs = require('node:fs');
    const os = require('node:os');
    const path = require('node:path');
    const { lint } = require('../src/lint');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-suppress-apache-'));
    try {
      const base = fs.readFileSync(path.join(__dirname, '../src/rules/apache/authtype-without-require/bad/etc/apache2/apache2.conf'), 'utf8');
      const suppressed = base.replace('    AuthType Basic', '    # authlint-disable-next-line apache/authtype-without-require -- Require comes from the .htaccess\n    AuthType Basic');
      fs.mkdirSync(path.join(dir, 'etc/apache2'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'etc/apache2/apache2.conf'), suppressed);
      fs.copyFileSync(path.join(__dirname, '../src/rules/apache/authtype-without-require/bad/etc/apache2/htpasswd'), path.join(dir, 'etc/apache2/htpasswd'));
      const findings = lint([path.join(dir, 'etc/apache2')], { root: dir }).findings.map((f: { ruleId: string }) => f.ruleId);
      expect(findings).toEqual([]);
      // Without the comments honoured, the finding is there: the suppression is what silenced it.
      expect(lint([path.join(dir, 'etc/apache2')], { root: dir, inlineConfig: false }).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['apache/authtype-without-require']);
      // An unused one is reported, in Apache files too.
      fs.writeFileSync(path.join(dir, 'etc/apache2/apache2.conf'), `${base}\n# authlint-disable-next-line apache/syntax -- nothing here\nServerName localhost\n`);
      expect(lint([path.join(dir, 'etc/apache2')], { root: dir }).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['apache/authtype-without-require', 'generic/unused-suppression']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
