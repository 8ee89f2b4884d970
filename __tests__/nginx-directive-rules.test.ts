import * as path from 'node:path';
import { lint } from '../src/lint';
import { makeTree, removeTree } from './helpers/tree';

/** The findings of the two directive-table rules on a tree, as "rule line:column". */
function findings(files: Record<string, string>, entry = 'etc/nginx'): string[] {
  const dir = makeTree(files);
  try {
    return lint([path.join(dir, entry)], { root: dir })
      .findings.filter((f) => f.ruleId === 'nginx/unknown-directive' || f.ruleId === 'nginx/directive-context' || f.ruleId === 'nginx/auth-in-if')
      .map((f) => `${f.ruleId} ${f.line}:${f.column}`);
  } finally {
    removeTree(dir);
  }
}

const main = (http: string) => ({ 'etc/nginx/nginx.conf': `events {}\nhttp {\n${http}\n}\n` });

describe('nginx/directive-context', () => {
  test('an included site file is checked in the context of its include', () => {
    expect(
      findings({
        'etc/nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n',
        'etc/nginx/sites-enabled/app': 'server {\n    listen 80;\n    proxy_pass http://127.0.0.1:9000;\n}\n',
      }),
    ).toEqual(['nginx/directive-context 3:5']);
  });

  test('a lone fragment is not checked: its context is the includer’s', () => {
    expect(findings({ 'etc/nginx/snippets/php.conf': 'fastcgi_pass unix:/run/php.sock;\nlimit_except GET { deny all; }\n' }, 'etc/nginx/snippets/php.conf')).toEqual([]);
    // A conf.d file kept under the name nginx.conf, with server blocks at its top.
    expect(findings({ 'etc/nginx/nginx.conf': 'server {\n    listen 80;\n}\n' })).toEqual([]);
  });

  test('if in server and if in location are told apart', () => {
    // return is allowed in both; limit_except in neither; the if itself is fine in a server.
    expect(findings(main('server {\n    if ($x) { return 403; }\n    location / {\n        if ($y) { return 404; limit_except GET { deny all; } }\n    }\n}'))).toEqual(['nginx/directive-context 6:31']);
  });

  test('access directives in if are left to nginx/auth-in-if, and reported once', () => {
    expect(findings(main('server {\n    location / {\n        if ($y) { auth_basic "x"; }\n    }\n}'))).toEqual(['nginx/auth-in-if 5:19']);
  });

  test('data blocks and third-party blocks are not read as directives', () => {
    expect(findings(main('map $uri $x {\n    default 1;\n    proxy_pass 2;\n}\ntypes {\n    text/html html;\n}\nserver {\n    location / {\n        content_by_lua_block {\n            ngx.say(1)\n        }\n        more_set_headers "X: y";\n    }\n}'))).toEqual([]);
  });

  test('mail and stream blocks have contexts of their own', () => {
    expect(findings({ 'etc/nginx/nginx.conf': 'events {}\nstream {\n    server {\n        listen 12345;\n        proxy_pass 127.0.0.1:9000;\n    }\n}\nmail {\n    server {\n        listen 2525;\n        protocol smtp;\n        root /x;\n    }\n}\n' })).toEqual(['nginx/directive-context 12:9']);
  });
});

describe('nginx/unknown-directive', () => {
  test('one edit from a stock name is reported; module directives are not', () => {
    expect(findings(main('server {\n    location / {\n        proxy_passs http://127.0.0.1:9000;\n        more_set_headers "X: y";\n        lua_code_cache off;\n    }\n}'))).toEqual(['nginx/unknown-directive 5:9']);
  });

  test('a lone site file is checked too', () => {
    expect(findings({ 'etc/nginx/sites-enabled/app': 'server {\n    listen 80;\n    location / {\n        auth_basics "x";\n    }\n}\n' }, 'etc/nginx/sites-enabled/app')).toEqual(['nginx/unknown-directive 4:9']);
  });

  test('the suggestion prefers a directive allowed where the typo stands', () => {
    const dir = makeTree(main('server {\n    location / {\n        proxy_passs http://127.0.0.1:9000;\n    }\n}'));
    try {
      const finding = lint([path.join(dir, 'etc/nginx')], { root: dir }).findings.find((f) => f.ruleId === 'nginx/unknown-directive');
      expect(finding?.message).toContain('did you mean "proxy_pass"?');
      expect(finding?.fix?.snippet).toBe('proxy_pass http://127.0.0.1:9000;');
    } finally {
      removeTree(dir);
    }
  });
});
