import * as path from 'node:path';
import { explain } from '../src/commands/explain';
import { PathResolver } from '../src/fs/rooted-paths';
import { NginxLoader } from '../src/nginx/loader';
import { NginxModel } from '../src/nginx/model';
import { describeLocation, locationInfo, selectLocation } from '../src/nginx/request/locations';
import { selectServer, virtualServers } from '../src/nginx/request/servers';
import { normalizeUri, parseRequestUrl } from '../src/http/uri';
import { lintFixture, fixturePath } from './helpers/fixtures';
import { makeTree, removeTree } from './helpers/tree';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

function model(conf: string): NginxModel {
  const dir = makeTree({ 'etc/nginx/nginx.conf': conf });
  dirs.push(dir);
  const resolver = new PathResolver(dir);
  const loader = new NginxLoader(resolver);
  const main = path.join(dir, 'etc/nginx/nginx.conf');
  const source = loader.read(main, resolver.serverPathOf(main));
  if ('error' in source) throw new Error(source.error);
  return new NginxModel(loader.load(source, { isMain: true }), resolver);
}

const serverOf = (m: NginxModel) => virtualServers(m.scopes)[0].scope;
const chosen = (m: NginxModel, uri: string) => {
  const location = selectLocation(serverOf(m), uri).location;
  return location ? describeLocation(locationInfo(location)) : 'none';
};

describe('location selection, as ngx_http_core_find_location', () => {
  const m = model(`events {}
http { server {
  location = /exact { }
  location / { }
  location /admin/ { location /admin/deep/ { } location ~ \\.txt$ { } }
  location ^~ /static/ { }
  location ~* \\.(PNG|jpg)$ { }
  location ~ \\.php$ { }
  location /a/ { location ^~ /a/b/ { } }
  location =/glued { }
} }`);
  test.each([
    ['/exact', 'location = /exact'],
    ['/exact/', 'location /'],
    ['/glued', 'location = /glued'],
    ['/x.php', 'location ~ \\.php$'],
    ['/admin/x.php', 'location ~ \\.php$'],
    ['/admin/x.txt', 'location ~ \\.txt$'],
    ['/admin/deep/x', 'location /admin/deep/'],
    ['/static/x.php', 'location ^~ /static/'],
    ['/pic.png', 'location ~* \\.(PNG|jpg)$'],
    // ^~ on a nested prefix stops only its own level's regexes: the top-level one still wins.
    ['/a/b/x.php', 'location ~ \\.php$'],
    ['/nothing', 'location /'],
  ])('%s → %s', (uri, expected) => {
    expect(chosen(m, uri)).toBe(expected);
  });
});

describe('server selection, as nginx does it', () => {
  const m = model(`events {}
http {
  server { listen 8080; server_name first.test; }
  server { listen 8080 default_server; server_name default.test; }
  server { listen 8080; server_name *.example.test; }
  server { listen 8080; server_name *.deep.example.test; }
  server { listen 8080; server_name mail.*; }
  server { listen 8080; server_name ~^(?<sub>api\\d+)\\.test$; }
  server { listen 9090; server_name .dot.test; }
}`);
  const servers = virtualServers(m.scopes);
  const pick = (host: string, port = 8080) => selectServer(servers, host, port).server?.names.join(' ');
  test.each([
    ['first.test', 'first.test'],
    ['a.example.test', '*.example.test'],
    ['x.deep.example.test', '*.deep.example.test'],
    ['mail.anything', 'mail.*'],
    ['api7.test', '~^(?<sub>api\\d+)\\.test$'],
    ['unknown.test', 'default.test'],
  ])('%s → %s', (host, expected) => {
    expect(pick(host)).toBe(expected);
  });
  test('a leading dot matches the name and its subdomains; no server on a port', () => {
    expect(pick('dot.test', 9090)).toBe('.dot.test');
    expect(pick('www.dot.test', 9090)).toBe('.dot.test');
    expect(selectServer(servers, 'x', 7070).server).toBeUndefined();
  });
});

describe('URIs', () => {
  test('normalised as nginx does before matching', () => {
    expect(normalizeUri('/a//b/./c/../d%2Ephp')).toBe('/a/b/d.php');
    expect(normalizeUri('/../etc/passwd')).toBeUndefined();
    expect(normalizeUri('/a/?x=1')).toBe('/a/');
  });
  test('request URLs', () => {
    expect(parseRequestUrl('https://Example.com/x?y')).toMatchObject({ host: 'example.com', port: 443, uri: '/x' });
    expect(parseRequestUrl('http://h:8080//a/../b')).toMatchObject({ port: 8080, uri: '//a/../b' });
    expect(parseRequestUrl('ftp://x/')).toBeUndefined();
  });
});

describe('rules and explain agree', () => {
  test('the URI regex-location-bypass names is served without a password according to explain', () => {
    const root = fixturePath('nginx/regex-location-bypass/bad');
    const finding = lintFixture('nginx/regex-location-bypass/bad').findings.find((f) => f.ruleId === 'nginx/regex-location-bypass');
    const uri = /a request for (\S+) is served/.exec(finding?.message ?? '')?.[1];
    expect(uri).toBeDefined();
    const { explanation } = explain({
      config: path.join(root, 'etc/nginx'),
      url: `http://app.test:8080${uri}`,
      method: 'GET',
      resolver: new PathResolver(root),
      platform: { platform: 'libxcrypt', source: 'test' },
    });
    expect(explanation.predicted.anonymous.status).not.toBe(401);
    expect(describeLocation(locationInfo(explanation.location!))).toBe('location ~ \\.php$');
  });
});
