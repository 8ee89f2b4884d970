import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../src/rules';
import { spawnSync } from 'node:child_process';
import { RULE_MODULES } from '../src/rules/registry';
import { cleanupFixtures, fixturePath, lintFixture, ranges, RULES_DIR } from './helpers/fixtures';
/**
 * The generic test of every rule folder (src/rules/<server>/<name>/): the folder is the rule — its
 * module, its bad/ and good/ trees, expected.json (every finding the bad tree gives, with exact
 * ranges; the good tree gives none) and its docs page README.md. Adding a rule is adding a folder:
 * nothing here names a rule.
 */
interface Expected {
  readonly bad: { ruleId: string; file: string; range: number[] }[];
  readonly good: { ruleId: string; file: string; range: number[] }[];
}

const expectedOf = (id: string): Expected => JSON.parse(fs.readFileSync(path.join(RULES_DIR, id, 'expected.json'), 'utf8'));

afterAll(cleanupFixtures);

test('the registry is generated from the rule folders and is up to date', () => {
  const check = spawnSync(process.execPath, [path.join(__dirname, '../scripts/rules-registry.js'), '--check'], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});

test.each(RULE_MODULES.map((module) => [module.folder, module] as const))('%s: its module exports exactly one rule, whose id is the folder', (folder, module) => {
  const rules = Object.values(module.exports).filter((value) => typeof value === 'object' && value !== null && 'meta' in value && 'check' in value) as { meta: { id: string } }[];
  expect(rules.map((rule) => rule.meta.id)).toEqual([folder]);
});

describe.each(RULES.map((rule) => rule.meta.id))('%s', (id) => {
  test('its folder has the docs page, bad and good trees and expected findings', () => {
    for (const part of ['README.md', 'bad', 'good', 'expected.json']) expect({ id, part, exists: fs.existsSync(path.join(RULES_DIR, id, part)) }).toEqual({ id, part, exists: true });
    // The published page (generated from README.md by scripts/rules-table.js; docs.test checks it is current).
    expect(fs.existsSync(path.join(__dirname, '../docs/rules', `${id}.md`))).toBe(true);
  });

  test('the bad fixture gives exactly the expected findings at exact ranges', () => {
    expect(ranges(`${id}/bad`)).toEqual(expectedOf(id).bad);
  });

  test('the good fixture gives exactly its expected findings (none)', () => {
    expect(ranges(`${id}/good`)).toEqual(expectedOf(id).good);
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
    // SHA-512-crypt, which every C library verifies, made by openssl (htpasswd -5 needs httpd ≥ 2.4.59).
    expect(relative.fix?.commands[0]).toBe(`printf '%s:%s\\n' USERNAME "$(openssl passwd -6)" | tee /etc/nginx/.htpasswd >/dev/null`);
  });

  test('syntax findings quote what nginx -t prints', () => {
    const messages = lintFixture('nginx/syntax/bad').findings.map((f) => f.message);
    expect(messages[0]).toContain('invalid number of arguments in "auth_basic" directive');
    expect(messages[1]).toContain('unexpected "}"');
    expect(messages[2]).toContain('the "server" block opened at line 1 is not closed');
  });

  test('a syntax error in one file does not hide findings in the others', () => {
    const root = fs.realpathSync(fixturePath('nginx/syntax/bad'));
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

describe('forward auth over plain HTTP', () => {
  test('a plain-HTTP server whose content is behind auth_request is reported like Basic: the session cookie or token crosses the network', () => {
    const { makeTree, removeTree } = require('./helpers/tree');
    const { lint } = require('../src/lint');
    const dir = makeTree({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n    server {\n        listen 80;\n        server_name app.example.com;\n        location / { auth_request /oauth2/auth; error_page 401 = /oauth2/sign_in; }\n        location = /oauth2/auth { internal; proxy_pass http://127.0.0.1:4180; }\n    }\n    server {\n        listen 443 ssl;\n        server_name tls.example.com;\n        ssl_certificate /etc/ssl/c.pem;\n        ssl_certificate_key /etc/ssl/c.key;\n        location / { auth_request /oauth2/auth; }\n        location = /oauth2/auth { internal; proxy_pass http://127.0.0.1:4180; }\n    }\n}\n',
    });
    try {
      const findings = lint([path.join(dir, 'etc/nginx')], { root: dir }).findings.filter((f: { ruleId: string }) => f.ruleId === 'nginx/basic-auth-over-plain-http');
      expect(findings.map((f: { line: number; severity: string }) => [f.line, f.severity])).toEqual([[4, 'warning']]);
      expect(findings[0].message).toContain('session cookie or token');
      expect(findings[0].fix.snippet).toContain('auth_request /oauth2/auth;');
    } finally {
      removeTree(dir);
    }
  });
});
