import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../src/rules';
import { cleanupFixtures, FIXTURES, lintFixture, ranges } from './helpers/fixtures';

/** Every finding each bad fixture must produce, with exact ranges [line, column, endLine, endColumn]. */
const EXPECTED: Record<string, { ruleId: string; file: string; range: number[] }[]> = {
  'nginx/auth-basic-without-user-file': [
    { ruleId: 'nginx/auth-basic-without-user-file', file: 'etc/nginx/nginx.conf', range: [9, 13, 9, 37] },
    { ruleId: 'nginx/auth-basic-without-user-file', file: 'etc/nginx/nginx.conf', range: [14, 13, 14, 34] },
    // The sibling that has the file but no realm is the mirror-image mistake.
    { ruleId: 'nginx/user-file-without-auth-basic', file: 'etc/nginx/nginx.conf', range: [17, 13, 17, 54] },
  ],
  'nginx/auth-file-missing': [
    { ruleId: 'nginx/auth-file-missing', file: 'etc/nginx/nginx.conf', range: [10, 34, 10, 52] },
    { ruleId: 'nginx/auth-file-missing', file: 'etc/nginx/nginx.conf', range: [16, 34, 16, 55] },
    { ruleId: 'nginx/auth-file-relative-path', file: 'etc/nginx/nginx.conf', range: [16, 34, 16, 55] },
  ],
  'nginx/syntax': [
    { ruleId: 'nginx/syntax', file: 'etc/nginx/conf.d/admin.conf', range: [6, 32, 6, 32] },
    { ruleId: 'nginx/syntax', file: 'etc/nginx/conf.d/admin.conf', range: [12, 5, 12, 6] },
    { ruleId: 'nginx/syntax', file: 'etc/nginx/conf.d/shop.conf', range: [7, 1, 7, 1] },
  ],
  'nginx/include-missing': [
    { ruleId: 'nginx/include-missing', file: 'etc/nginx/nginx.conf', range: [7, 21, 7, 39] },
    // The snippet the misspelled include was meant to load is not loaded: said, as info.
    { ruleId: 'nginx/site-not-enabled', file: 'etc/nginx/snippets/admin-auth.conf', range: [1, 1, 1, 1] },
  ],
  'nginx/include-cycle': [{ ruleId: 'nginx/include-cycle', file: 'etc/nginx/conf.d/site.conf', range: [9, 9, 9, 22] }],
  'nginx/site-not-enabled': [{ ruleId: 'nginx/site-not-enabled', file: 'etc/nginx/sites-available/admin', range: [1, 1, 1, 1] }],
  'generic/path-outside-root': [
    { ruleId: 'generic/path-outside-root', file: 'etc/nginx/conf.d/admin.conf', range: [6, 30, 6, 50] },
    { ruleId: 'generic/path-outside-root', file: 'etc/nginx/conf.d/admin.conf', range: [9, 13, 9, 35] },
  ],
  'generic/limit-reached': [{ ruleId: 'generic/limit-reached', file: 'etc/apache2/apache2.conf', range: [36, 1, 36, 7] }],
  'generic/file-unreadable': [{ ruleId: 'generic/file-unreadable', file: 'etc/nginx/nginx.conf', range: [3, 13, 3, 26] }],
  ...nginx({
    'unknown-directive': [['auth-basic-without-user-file', 'etc/nginx/nginx.conf', 9, 13, 9, 32], ['unknown-directive', 'etc/nginx/nginx.conf', 10, 13, 10, 32]],
    'proxy-pass-uri-not-allowed': [['proxy-pass-uri-not-allowed', 'etc/nginx/nginx.conf', 12, 24, 12, 50], ['proxy-pass-uri-not-allowed', 'etc/nginx/nginx.conf', 16, 24, 16, 51], ['proxy-pass-uri-not-allowed', 'etc/nginx/nginx.conf', 21, 28, 21, 50]],
    'directive-context': [['directive-context', 'etc/nginx/nginx.conf', 7, 9, 7, 21], ['directive-context', 'etc/nginx/nginx.conf', 16, 5, 16, 13]],
    'user-file-without-auth-basic': [['user-file-without-auth-basic', 'etc/nginx/nginx.conf', 10, 13, 10, 54]],
    'auth-basic-off-opens-subtree': [['auth-basic-off-opens-subtree', 'etc/nginx/nginx.conf', 14, 13, 14, 28]],
    'auth-basic-off-literal': [['auth-basic-off-literal', 'etc/nginx/nginx.conf', 9, 24, 9, 29], ['auth-basic-off-literal', 'etc/nginx/nginx.conf', 14, 24, 14, 30]],
    'auth-file-unreadable': [['auth-file-unreadable', 'etc/nginx/nginx.conf', 11, 34, 11, 49]],
    'auth-file-relative-path': [['auth-file-relative-path', 'etc/nginx/nginx.conf', 10, 34, 10, 42]],
    'auth-file-path-from-request': [['auth-file-path-from-request', 'etc/nginx/nginx.conf', 10, 34, 10, 51]],
    'realm-quote-injection': [['realm-quote-injection', 'etc/nginx/nginx.conf', 9, 24, 9, 42]],
    'auth-in-if': [['auth-in-if', 'etc/nginx/nginx.conf', 10, 17, 10, 27], ['user-file-without-auth-basic', 'etc/nginx/nginx.conf', 12, 13, 12, 54]],
    'duplicate-or-malformed-directive': [['duplicate-or-malformed-directive', 'etc/nginx/nginx.conf', 9, 13, 9, 40], ['duplicate-or-malformed-directive', 'etc/nginx/nginx.conf', 11, 13, 11, 58]],
    'regex-location-bypass': [['regex-location-bypass', 'etc/nginx/nginx.conf', 8, 9, 8, 25]],
    'sibling-location-not-protected': [['sibling-location-not-protected', 'etc/nginx/nginx.conf', 12, 9, 12, 29]],
    'return-or-rewrite-before-auth': [['return-or-rewrite-before-auth', 'etc/nginx/nginx.conf', 11, 13, 11, 41], ['return-or-rewrite-before-auth', 'etc/nginx/nginx.conf', 16, 13, 16, 55]],
    'limit-except-inverted': [['limit-except-inverted', 'etc/nginx/nginx.conf', 9, 13, 9, 29]],
    'satisfy-any-allow-bypass': [['satisfy-any-allow-bypass', 'etc/nginx/nginx.conf', 10, 13, 10, 23], ['satisfy-any-allow-bypass', 'etc/nginx/nginx.conf', 16, 13, 16, 30]],
    'realip-spoof-bypass': [['realip-spoof-bypass', 'etc/nginx/nginx.conf', 8, 9, 8, 36]],
    'deny-all-with-satisfy-all': [['deny-all-with-satisfy-all', 'etc/nginx/nginx.conf', 9, 13, 9, 22]],
    'auth-basic-inside-auth-request-target': [['auth-basic-inside-auth-request-target', 'etc/nginx/nginx.conf', 13, 13, 13, 30]],
    'auth-request-unexpected-status': [['auth-request-unexpected-status', 'etc/nginx/nginx.conf', 13, 13, 13, 31]],
    'auth-request-401-without-challenge': [['auth-request-401-without-challenge', 'etc/nginx/nginx.conf', 14, 13, 14, 24]],
    'error-page-401-changes-status': [['error-page-401-changes-status', 'etc/nginx/nginx.conf', 11, 13, 11, 45]],
    'error-page-401-inside-protected-area': [['error-page-401-inside-protected-area', 'etc/nginx/nginx.conf', 11, 13, 11, 44]],
    'proxy-forwards-client-authorization': [['proxy-forwards-client-authorization', 'etc/nginx/nginx.conf', 11, 13, 11, 46]],
    'htpasswd-inside-web-root': [['htpasswd-inside-web-root', 'etc/nginx/nginx.conf', 10, 34, 10, 56]],
    'conflicting-server-shadows-protected-server': [['conflicting-server-shadows-protected-server', 'etc/nginx/sites-enabled/app.conf', 1, 1, 1, 7]],
    'protected-on-one-listener-only': [['protected-on-one-listener-only', 'etc/nginx/nginx.conf', 12, 5, 12, 11]],
    'basic-auth-over-plain-http': [['basic-auth-over-plain-http', 'etc/nginx/nginx.conf', 4, 9, 4, 19]],
    'server-level-auth-blocks-service-paths': [['server-level-auth-blocks-service-paths', 'etc/nginx/nginx.conf', 7, 9, 7, 30]],
    'include-scope-mistake': [['include-scope-mistake', 'etc/nginx/snippets/auth.conf', 1, 1, 1, 20], ['server-level-auth-blocks-service-paths', 'etc/nginx/snippets/auth.conf', 1, 1, 1, 20]],
  }),
  ...apache({
    'group-file-problems': [['group-file-problems', 'etc/apache2/apache2.conf', 38, 5, 38, 25]],
    'digest-basic-mismatch': [['digest-basic-mismatch', 'etc/apache2/apache2.conf', 34, 5, 34, 20]],
    'proxy-bypasses-directory-auth': [['proxy-bypasses-directory-auth', 'etc/apache2/apache2.conf', 41, 1, 41, 79]],
    'limit-leaves-methods-open': [['limit-leaves-methods-open', 'etc/apache2/apache2.conf', 36, 5, 36, 11]],
    'location-overrides-directory-auth': [['location-overrides-directory-auth', 'etc/apache2/apache2.conf', 41, 5, 41, 24]],
    'child-section-or-htaccess-replaces-auth': [['child-section-or-htaccess-replaces-auth', 'etc/apache2/apache2.conf', 40, 5, 40, 24]],
    'directory-with-url-path': [['directory-with-url-path', 'etc/apache2/apache2.conf', 32, 12, 32, 18]],
    'mixed-access-compat-and-require': [['mixed-access-compat-and-require', 'etc/apache2/apache2.conf', 38, 5, 38, 21]],
    'negative-require-only': [['negative-require-only', 'etc/apache2/apache2.conf', 36, 5, 36, 25]],
    'authname-quoting-and-expressions': [['authname-quoting-and-expressions', 'etc/apache2/apache2.conf', 34, 5, 34, 24]],
    'require-user-mismatch': [['require-user-mismatch', 'etc/apache2/apache2.conf', 36, 18, 36, 23]],
    'errordocument-401': [['errordocument-401', 'etc/apache2/apache2.conf', 38, 1, 38, 45]],
    'htpasswd-inside-docroot': [['htpasswd-inside-docroot', 'etc/apache2/apache2.conf', 35, 18, 35, 41]],
    'proxy-forwards-authorization': [['proxy-forwards-authorization', 'etc/apache2/apache2.conf', 39, 5, 39, 34]],
    'basic-auth-over-plain-http': [['basic-auth-over-plain-http', 'etc/apache2/apache2.conf', 33, 1, 33, 13]],
    'syntax': [['syntax', 'etc/apache2/apache2.conf', 36, 1, 36, 12], ['syntax', 'etc/apache2/apache2.conf', 37, 1, 37, 1]],
    'unknown-provider': [['unknown-provider', 'etc/apache2/apache2.conf', 34, 23, 34, 27], ['unknown-provider', 'etc/apache2/apache2.conf', 36, 13, 36, 23]],
    'include-missing': [['include-missing', 'etc/apache2/apache2.conf', 31, 9, 31, 41], ['include-missing', 'etc/apache2/apache2.conf', 32, 9, 32, 37]],
    'include-cycle': [['include-cycle', 'etc/apache2/conf-enabled/security.conf', 3, 17, 3, 36]],
    'required-module-missing': [['required-module-missing', 'etc/apache2/apache2.conf', 33, 5, 33, 39]],
    'unknown-directive': [['missing-authuserfile', 'etc/apache2/apache2.conf', 32, 5, 32, 19], ['unknown-directive', 'etc/apache2/apache2.conf', 34, 5, 34, 16]],
    'auth-wrapped-in-ifmodule': [['auth-wrapped-in-ifmodule', 'etc/apache2/apache2.conf', 32, 5, 32, 14]],
    'htaccess-ignored-allowoverride-none': [['htaccess-ignored-allowoverride-none', 'var/www/html/admin/.htaccess', 1, 1, 1, 15]],
    'htaccess-authconfig-not-allowed': [['htaccess-authconfig-not-allowed', 'var/www/html/admin/.htaccess', 1, 1, 1, 9]],
    'authtype-without-require': [['authtype-without-require', 'etc/apache2/apache2.conf', 32, 5, 32, 19]],
    'require-all-granted-with-valid-user': [['require-all-granted-with-valid-user', 'etc/apache2/apache2.conf', 36, 5, 36, 24]],
    'missing-authname': [['missing-authname', 'etc/apache2/apache2.conf', 32, 5, 32, 19]],
    'missing-authuserfile': [['missing-authuserfile', 'etc/apache2/apache2.conf', 32, 5, 32, 19]],
    'auth-file-missing': [['auth-file-missing', 'etc/apache2/apache2.conf', 34, 18, 34, 40]],
    'authuserfile-relative-to-serverroot': [['authuserfile-relative-to-serverroot', 'etc/apache2/apache2.conf', 34, 18, 34, 26]],
  }),
  ...htpasswd({
    'utf8-bom': [['utf8-bom', 1, 1, 1, 2]],
    'empty-file': [['empty-file', 1, 1, 1, 1]],
    'line-endings': [['line-endings', 1, 127, 1, 128]],
    'htdigest-file-used-for-basic': [['htdigest-file-used-for-basic', 1, 7, 1, 17]],
    'overlong-line-apache': [['overlong-line-apache', 2, 1, 2, 9003]],
    'missing-colon': [['missing-colon', 2, 1, 2, 121]],
    'whitespace-in-entry': [
      ['whitespace-in-entry', 1, 1, 1, 3],
      ['whitespace-in-entry', 2, 125, 2, 127],
      ['whitespace-in-entry', 3, 6, 3, 7],
      ['whitespace-in-entry', 3, 8, 3, 9],
    ],
    'duplicate-user': [['duplicate-user', 3, 1, 3, 6]],
    'invalid-username': [['invalid-username', 1, 1, 1, 5]],
    'plaintext-password': [['plaintext-password', 1, 7, 1, 18]],
    'empty-hash': [['empty-hash', 2, 1, 2, 4]],
    'malformed-hash': [['malformed-hash', 1, 7, 1, 67]],
    'unsupported-scheme': [['unsupported-scheme', 1, 7, 1, 67]],
    'libc-dependent-scheme': [['libc-dependent-scheme', 1, 7, 1, 80]],
    'plain-scheme': [['plain-scheme', 1, 7, 1, 25]],
    'unsalted-sha1': [['unsalted-sha1', 1, 7, 1, 40]],
    ssha: [['ssha', 1, 7, 1, 53]],
    'des-crypt': [['des-crypt', 1, 7, 1, 20]],
    'md5-based': [
      ['md5-based', 1, 7, 1, 44],
      ['md5-based', 2, 5, 2, 39],
    ],
    // bcrypt read by nginx also depends on the C library (an info of its own rule).
    'bcrypt-low-cost': [
      ['bcrypt-low-cost', 1, 7, 1, 67],
      ['libc-dependent-scheme', 1, 7, 1, 67],
    ],
    'file-permissions-too-open': [['file-permissions-too-open', 1, 1, 1, 1]],
    'file-not-readable-by-worker': [['file-not-readable-by-worker', 1, 1, 1, 1]],
    'file-wrong-owner': [['file-wrong-owner', 1, 1, 1, 1]],
  }),
};

/** nginx fixtures of the request-model rules: [rule, file, line, column, endLine, endColumn]. */
function nginx(table: Record<string, [string, string, number, number, number, number][]>) {
  return Object.fromEntries(
    Object.entries(table).map(([rule, rows]) => [
      `nginx/${rule}`,
      rows.map(([id, file, ...range]) => ({ ruleId: `nginx/${id}`, file, range })),
    ]),
  );
}

/** Apache fixtures: [rule, file, line, column, endLine, endColumn]. */
function apache(table: Record<string, [string, string, number, number, number, number][]>) {
  return Object.fromEntries(
    Object.entries(table).map(([rule, rows]) => [
      `apache/${rule}`,
      rows.map(([id, file, ...range]) => ({ ruleId: `apache/${id}`, file, range })),
    ]),
  );
}

/** htpasswd fixtures: every finding is in etc/nginx/htpasswd. */
function htpasswd(table: Record<string, [string, number, number, number, number][]>) {
  return Object.fromEntries(
    Object.entries(table).map(([rule, rows]) => [
      `htpasswd/${rule}`,
      rows.map(([id, ...range]) => ({ ruleId: `htpasswd/${id}`, file: 'etc/nginx/htpasswd', range })),
    ]),
  );
}

afterAll(cleanupFixtures);

describe.each(RULES.map((rule) => rule.meta.id))('%s', (id) => {
  test('has a docs page, and bad and good fixtures', () => {
    expect(fs.existsSync(path.join(__dirname, '../docs/rules', `${id}.md`))).toBe(true);
    expect(fs.existsSync(path.join(FIXTURES, id, 'bad'))).toBe(true);
    expect(fs.existsSync(path.join(FIXTURES, id, 'good'))).toBe(true);
    expect(EXPECTED[id]).toBeDefined();
  });

  test('the bad fixture gives exactly the expected findings at exact ranges', () => {
    expect(ranges(`${id}/bad`)).toEqual(EXPECTED[id]);
  });

  test('the good fixture gives no finding at all', () => {
    expect(ranges(`${id}/good`)).toEqual([]);
  });
});

describe('messages say what happens at run time', () => {
  test('auth-basic-without-user-file names the exposed locations and the 200', () => {
    const [first, second] = lintFixture('nginx/auth-basic-without-user-file/bad').findings;
    expect(first.message).toContain('location /admin/');
    expect(first.message).toContain('200');
    expect(second.message).toContain('location /reports/');
    expect(first.related[0]).toMatchObject({ line: 8, column: 9, message: 'location /admin/ is served without a password' });
    expect(first.fix?.snippet).toBe(
      'location /admin/ {\n    auth_basic "Admin area";\n    auth_basic_user_file /etc/nginx/htpasswd;\n}',
    );
    expect(first.fix?.commands).toEqual(['nginx -t', 'systemctl reload nginx']);
  });

  test('auth-file-missing gives the 403 and nginx log line, and the conf-prefix resolution of relative paths', () => {
    const [absolute, relative] = lintFixture('nginx/auth-file-missing/bad').findings;
    expect(absolute.message).toContain('403');
    expect(absolute.message).toContain('open() "/etc/nginx/htpaswd" failed (2: No such file or directory)');
    expect(relative.message).toContain('"/etc/nginx/conf.d/staff.htpasswd"');
    expect(relative.message).toContain('conf prefix /etc/nginx/');
    expect(relative.fix?.commands[0]).toBe('htpasswd -c -5 -r 100000 /etc/nginx/.htpasswd USERNAME');
  });

  test('syntax findings quote what nginx -t prints', () => {
    const messages = lintFixture('nginx/syntax/bad').findings.map((f) => f.message);
    expect(messages[0]).toContain('invalid number of arguments in "auth_basic" directive');
    expect(messages[1]).toContain('unexpected "}"');
    expect(messages[2]).toContain('the "server" block opened at line 1 is not closed');
  });

  test('a syntax error in one file does not hide findings in the others', () => {
    const root = fs.realpathSync(path.join(FIXTURES, 'nginx/syntax/bad'));
    const { findings } = lintFixture('nginx/syntax/bad');
    expect(new Set(findings.map((f) => path.relative(root, f.file)))).toEqual(
      new Set(['etc/nginx/conf.d/admin.conf', 'etc/nginx/conf.d/shop.conf']),
    );
  });

  test('findings in included files carry the include chain', () => {
    const { findings } = lintFixture('nginx/include-cycle/bad');
    expect(findings[0].related.map((r) => r.message)).toEqual(['included from /etc/nginx/nginx.conf:3']);
  });
});

describe('rule settings', () => {
  test('a rule can be turned off or given another severity', () => {
    expect(lintFixture('nginx/auth-file-missing/bad', { ruleSettings: new Map([['nginx/auth-file-missing', 'off']]) }).findings.map((f) => f.ruleId)).toEqual(['nginx/auth-file-relative-path']);
    const findings = lintFixture('nginx/auth-file-missing/bad', { ruleSettings: new Map([['nginx/auth-file-missing', 'info']]) }).findings;
    expect(findings.filter((f) => f.ruleId === 'nginx/auth-file-missing').map((f) => f.severity)).toEqual(['info', 'info']);
  });
});
