import * as path from 'node:path';
import { PathResolver } from '../src/fs/rooted-paths';
import { lint } from '../src/lint';
import { NginxLoader } from '../src/nginx/loader';
import { directivesOf } from '../src/parsers/nginx/ast';
import type { Placed } from '../src/nginx/config-tree';
import { makeTree, removeTree } from './helpers/tree';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));
const tree = (files: Parameters<typeof makeTree>[0]): string => {
  const dir = makeTree(files);
  dirs.push(dir);
  return dir;
};

/** Names of the directives nginx would see, includes expanded, in order. */
function flatten(items: readonly Placed[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.included) out.push(...flatten(item.included));
    else out.push([item.directive.name, ...item.directive.args.map((a) => a.value)].join(' '));
    if (item.children) out.push(...flatten(item.children));
  }
  return out;
}

function load(dir: string, main = 'etc/nginx/nginx.conf', root = true) {
  const resolver = new PathResolver(root ? dir : undefined);
  const loader = new NginxLoader(resolver);
  const mainDisk = path.join(dir, main);
  const source = loader.read(mainDisk, resolver.serverPathOf(mainDisk));
  if ('error' in source) throw new Error(source.error);
  const config = loader.load(source, { isMain: true });
  return { config, diagnostics: loader.takeDiagnostics() };
}

describe('include resolution, as nginx does it', () => {
  test('globs expand in byte order (glob(3) in the C locale), skipping dot files', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'include conf.d/*.conf;\n',
      'etc/nginx/conf.d/b.conf': 'b 1;',
      'etc/nginx/conf.d/B.conf': 'B 1;',
      'etc/nginx/conf.d/a.conf': 'a 1;',
      'etc/nginx/conf.d/_.conf': 'underscore 1;',
      'etc/nginx/conf.d/.hidden.conf': 'hidden 1;',
      'etc/nginx/conf.d/10.conf': 'ten 1;',
    });
    expect(flatten(load(dir).config.items)).toEqual(['ten 1', 'B 1', 'underscore 1', 'a 1', 'b 1']);
  });

  test('relative includes resolve against the conf prefix, not the including file', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'http { include sites/site.conf; }\n',
      'etc/nginx/sites/site.conf': 'include snippets/x.conf;\n',
      'etc/nginx/snippets/x.conf': 'from_prefix 1;',
      'etc/nginx/sites/snippets/x.conf': 'from_including_dir 1;',
    });
    expect(flatten(load(dir).config.items)).toEqual(['http', 'from_prefix 1']);
  });

  test('a missing plain include is a finding, an empty glob is not', () => {
    const dir = tree({ 'etc/nginx/nginx.conf': 'include none/*.conf;\ninclude missing.conf;\n' });
    const { diagnostics } = load(dir);
    expect(diagnostics.map((d) => [d.ruleId, d.range.start.line])).toEqual([['nginx/include-missing', 2]]);
  });

  test('a cycle is reported once and not followed', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'include a.conf;\n',
      'etc/nginx/a.conf': 'a 1;\ninclude b.conf;\n',
      'etc/nginx/b.conf': 'b 1;\ninclude a.conf;\n',
    });
    const { config, diagnostics } = load(dir);
    expect(flatten(config.items)).toEqual(['a 1', 'b 1']);
    expect(diagnostics.map((d) => [d.ruleId, path.basename(d.file.diskPath), d.range.start.line])).toEqual([
      ['nginx/include-cycle', 'b.conf', 2],
    ]);
  });

  test('a file included twice is placed twice, each with its own include chain', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'http {\n  server { include auth.conf; }\n  server { include auth.conf; }\n}\n',
      'etc/nginx/auth.conf': 'auth_basic "x";\n',
    });
    const http = load(dir).config.items[0];
    const chains = (http.children ?? []).map((server) => server.children?.[0].included?.[0].chain.map((s) => s.directive.range.start.line));
    expect(chains).toEqual([[2], [3]]);
  });

  test('without --root, absolute include paths are read where they are', () => {
    const dir = tree({ 'conf/nginx.conf': '', 'conf/abs.conf': 'abs 1;' });
    const main = path.join(dir, 'conf/nginx.conf');
    require('node:fs').writeFileSync(main, `include ${path.join(dir, 'conf/abs.conf')};\n`);
    expect(flatten(load(dir, 'conf/nginx.conf', false).config.items)).toEqual(['abs 1']);
  });
});

describe('--root confinement', () => {
  test('absolute link targets are looked up under the root; links that climb out are refused', () => {
    const dir = tree({
      'etc/nginx/real.conf': 'real 1;',
      'etc/nginx/in.conf': { link: '/etc/nginx/real.conf' },
      'etc/nginx/out.conf': { link: '../../../../../../../../../etc/hostname' },
    });
    const resolver = new PathResolver(dir);
    expect(resolver.toDisk('/etc/nginx/in.conf')).toEqual({ ok: true, diskPath: path.join(require('node:fs').realpathSync(dir), 'etc/nginx/real.conf') });
    expect(resolver.toDisk('/etc/nginx/out.conf')).toMatchObject({ ok: false });
    expect(resolver.toDisk('/../etc/shadow')).toMatchObject({ ok: false });
    expect(resolver.toDisk('/etc/nginx/../../../etc/shadow')).toMatchObject({ ok: false });
    expect(resolver.toDisk('/etc/nginx/../nginx/real.conf')).toMatchObject({ ok: true });
  });

  test('include /etc/shadow under --root never reads the host file', () => {
    const dir = tree({ 'etc/nginx/nginx.conf': 'include /etc/shadow;\ninclude /../../../../etc/passwd;\n' });
    const { config, diagnostics } = load(dir);
    expect(config.files.map((f) => f.diskPath)).not.toContain('/etc/shadow');
    expect(config.files).toHaveLength(1);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['nginx/include-missing', 'generic/path-outside-root']);
  });
});

describe('lone files and sites-available', () => {
  test('a lone site file is linted as an http fragment, with its conf prefix found above it', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'events {}\nhttp { include sites-enabled/*; }\n',
      'etc/nginx/sites-available/shop.conf': 'server {\n  location /a/ {\n    auth_basic "A";\n    auth_basic_user_file htpasswd;\n  }\n}\n',
    });
    const result = lint([path.join(dir, 'etc/nginx/sites-available/shop.conf')], { root: dir });
    const byRule = result.findings.filter((f) => ['nginx/site-not-enabled', 'nginx/auth-file-missing'].includes(f.ruleId)).map((f) => [f.ruleId, f.line]);
    expect(byRule).toEqual([
      ['nginx/site-not-enabled', 1],
      ['nginx/auth-file-missing', 4],
    ]);
    expect(result.findings.find((f) => f.ruleId === 'nginx/auth-file-missing')?.message).toContain('"/etc/nginx/htpasswd"');
  });

  test('a site enabled by a link is reached through the include and not reported', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'events {}\nhttp { include sites-enabled/*; }\n',
      'etc/nginx/sites-available/shop.conf': 'server { listen 80; }\n',
      'etc/nginx/sites-enabled/shop.conf': { link: '/etc/nginx/sites-available/shop.conf' },
    });
    expect(lint([path.join(dir, 'etc/nginx')], { root: dir }).findings).toEqual([]);
    // Named alone, the link in sites-enabled says it is enabled.
    expect(lint([path.join(dir, 'etc/nginx/sites-available/shop.conf')], { root: dir }).findings).toEqual([]);
  });

  test('a directive nested in an included snippet is found in its server context', () => {
    const dir = tree({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n  server {\n    location /x/ { include snippets/auth.conf; }\n  }\n}\n',
      'etc/nginx/snippets/auth.conf': 'auth_basic "X";\n',
    });
    const result = lint([path.join(dir, 'etc/nginx')], { root: dir });
    expect(result.findings.filter((f) => f.ruleId === 'nginx/auth-basic-without-user-file').map((f) => [f.ruleId, path.basename(f.file), f.related.map((r) => r.message)])).toEqual([
      ['nginx/auth-basic-without-user-file', 'auth.conf', ['location /x/ is served without a password', 'included from /etc/nginx/nginx.conf:4']],
    ]);
  });
});

test('directivesOf skips comments', () => {
  expect(directivesOf([{ type: 'comment', text: 'x', range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } } }])).toEqual([]);
});
