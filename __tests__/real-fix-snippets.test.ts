import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { cleanupFixtures, fixtureRoot, ruleFixtureNames } from './helpers/fixtures';
import { findApache } from './helpers/real-apache';
import { findNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * Every config snippet authlint prints as a fix must work when pasted: each one, from every
 * rule's bad fixture, is placed into a minimal configuration — nginx: a location, else a server,
 * else the http block; Apache: a <Directory>, else the server config — and the server's own
 * config test (`nginx -t`, `apache2 -t`) must accept it in one of those places. A placeholder
 * ("…"), a trailing comment Apache reads as an argument, an `ssl` listener without its
 * certificate or a directive of a module not loaded fails here.
 */
const nginx = findNginx();
const apache = findApache();
const run = requireServerOrSkip(nginx, 'nginx') && requireServerOrSkip(apache, 'apache2') ? describe : describe.skip;

interface Snippet {
  readonly rule: string;
  readonly server: 'nginx' | 'apache';
  readonly snippet: string;
}

function snippets(): Snippet[] {
  const seen = new Map<string, Snippet>();
  for (const kind of ['nginx', 'apache', 'htpasswd', 'generic']) {
    for (const rule of ruleFixtureNames(kind)) {
      const root = fixtureRoot(`${kind}/${rule}/bad`);
      const trees = ['etc/nginx', 'etc/apache2'].map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir));
      if (trees.length === 0) continue;
      for (const finding of lint(trees, { root }).findings) {
        const snippet = finding.fix?.snippet;
        if (!snippet) continue;
        const server = finding.ruleId.startsWith('apache/') || finding.file.includes('/etc/apache2/') ? 'apache' : 'nginx';
        seen.set(`${finding.ruleId}\n${snippet}`, { rule: finding.ruleId, server, snippet });
      }
    }
  }
  return [...seen.values()];
}

const APACHE_MODULES = ['mpm_event', 'authz_core', 'authz_host', 'authz_user', 'authz_groupfile', 'authn_core', 'authn_file', 'auth_basic', 'auth_digest', 'access_compat', 'dir', 'alias', 'headers', 'rewrite', 'ssl', 'proxy', 'proxy_http', 'proxy_fcgi', 'setenvif', 'mime', 'socache_shmcb'];

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

let prefix: string;

/** The snippet's absolute /etc paths point into the prefix, where a self-signed certificate waits at Debian's snakeoil paths. */
function localPaths(snippet: string): string {
  return snippet.replace(/(^|[\s"'])\/etc\//g, `$1${prefix}/etc/`);
}

/** Top-level items of an nginx snippet (a directive, or a block with its body), with their comments. */
function topLevelItems(snippet: string): string[] {
  const items: string[] = [];
  let current = '';
  let depth = 0;
  for (const line of snippet.split('\n')) {
    current += `${line}\n`;
    const code = line.replace(/#.*$/, '');
    depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
    if (depth === 0 && /[;}]\s*$/.test(code.trim()) ) {
      items.push(current);
      current = '';
    }
  }
  if (current.trim()) items.push(current);
  return items;
}

/** Where an item is pasted: http-level blocks (server, map, upstream…) in http, locations in a server, directives in a location. */
function contextOf(item: string): 'http' | 'server' | 'location' {
  const first = item.replace(/^(\s*#.*\n)*/, '').trim();
  if (/^(server|map|upstream|geo|split_clients|limit_req_zone|limit_conn_zone)\b/.test(first)) return 'http';
  if (/^location\b/.test(first)) return 'server';
  return 'location';
}

function nginxAccepts(snippet: string): { ok: boolean; output: string } {
  const body = localPaths(snippet);
  // Include targets are the user's own files: make them exist, empty.
  for (const match of body.matchAll(/^\s*include\s+([^;*\s]+);/gm)) {
    const target = path.resolve(prefix, match[1]);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, '');
  }
  const split = { http: '', server: '', location: '' };
  for (const item of topLevelItems(body)) split[contextOf(item)] += item;
  const places = [split, { http: '', server: '', location: body }, { http: '', server: body, location: '' }, { http: body, server: '', location: '' }];
  let output = '';
  for (const place of places) {
    const conf = path.join(prefix, 'nginx.conf');
    fs.writeFileSync(
      conf,
      `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\n    access_log off;\n${indent(place.http, '    ')}\n    server {\n        listen 127.0.0.1:18080;\n${indent(place.server, '        ')}\n        location / {\n${indent(place.location, '            ')}\n        }\n    }\n}\n`,
    );
    const result = spawnSync(nginx as string, ['-t', '-p', `${prefix}/`, '-c', conf], { encoding: 'utf8' });
    if (result.status === 0) return { ok: true, output: '' };
    output += `${result.stderr}\n`;
  }
  return { ok: false, output };
}

function apacheAccepts(snippet: string): { ok: boolean; output: string } {
  const body = localPaths(snippet);
  const modules = APACHE_MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
  const head = `ServerRoot ${prefix}\nListen 127.0.0.1:18081\nDefaultRuntimeDir ${prefix}\nPidFile ${prefix}/apache2.pid\nErrorLog ${prefix}/error.log\nServerName localhost\nDocumentRoot ${prefix}/www\n${modules}\n`;
  let output = '';
  for (const place of [`<Directory ${prefix}/www/x>\n${indent(body, '    ')}\n</Directory>\n`, `${body}\n`]) {
    const conf = path.join(prefix, 'apache2.conf');
    fs.writeFileSync(conf, head + place);
    const result = spawnSync(apache as string, ['-t', '-f', conf], { encoding: 'utf8' });
    if (result.status === 0) return { ok: true, output: '' };
    output += `${result.stderr}\n`;
  }
  return { ok: false, output };
}

const SNIPPETS = snippets();
afterAll(cleanupFixtures);

run('every fix snippet passes the server\'s config test when pasted', () => {
  beforeAll(() => {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-snippets-'));
    for (const dir of ['etc/ssl/certs', 'etc/ssl/private', 'www/x', 'logs']) fs.mkdirSync(path.join(prefix, dir), { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(prefix, 'etc/ssl/private/ssl-cert-snakeoil.key'), '-out', path.join(prefix, 'etc/ssl/certs/ssl-cert-snakeoil.pem')], { stdio: 'ignore' });
  });
  afterAll(() => fs.rmSync(prefix, { recursive: true, force: true }));

  test('there are snippets of both servers to check', () => {
    expect(SNIPPETS.filter((s) => s.server === 'nginx').length).toBeGreaterThan(25);
    expect(SNIPPETS.filter((s) => s.server === 'apache').length).toBeGreaterThan(20);
  });

  test.each(SNIPPETS.map((s) => [s.rule, s] as const))('%s', (_rule, { rule, server, snippet }) => {
    const result = server === 'nginx' ? nginxAccepts(snippet) : apacheAccepts(snippet);
    expect({ rule, snippet, ok: result.ok, output: result.ok ? '' : result.output.trim().split('\n').filter((l) => /emerg|Syntax error|AH0|error/.test(l)).slice(0, 3) }).toEqual({ rule, snippet, ok: true, output: '' });
  });
});
