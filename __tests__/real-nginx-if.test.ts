import * as path from 'node:path';
import { explain } from '../src/commands/explain';
import { PathResolver } from '../src/fs/rooted-paths';
import { evaluateIf, requestVariables } from '../src/nginx/request/if-condition';
import { parseNginx } from '../src/parsers/nginx/parser';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';
import { htpasswdHash } from './helpers/tools';
import { makeTree, removeTree } from './helpers/tree';

/** `if` blocks in the rewrite phase: explain evaluates the conditions it can and agrees with nginx. */
const CONFIG = `events {}
http {
    server {
        listen 127.0.0.1:8080;
        server_name app.test;
        root /var/www/app;
        if ($request_method = DELETE) {
            return 403;
        }
        location /admin/ {
            if ($request_method = OPTIONS) {
                return 204;
            }
            if ($arg_debug = 1) {
                rewrite ^ /public/ last;
            }
            if ($http_x_token) {
                return 418;
            }
            auth_basic "Admin";
            auth_basic_user_file /etc/nginx/htpasswd;
        }
        location /public/ {
        }
        location /old/ {
            if ($uri ~* "^/old/(.*)$") {
                rewrite ^/old/(.*)$ /admin/$1 last;
            }
        }
    }
}
`;

const REQUESTS: [string, string, number][] = [
  ['GET', '/admin/', 401],
  ['POST', '/admin/', 401],
  ['OPTIONS', '/admin/', 204],
  ['DELETE', '/admin/', 403],
  ['GET', '/admin/?debug=1', 200],
  ['GET', '/admin/?debug=2', 401],
  ['GET', '/old/', 401],
  ['GET', '/public/', 200],
];

function condition(text: string, uri = '/admin/', method = 'GET'): boolean | undefined {
  const parsed = parseNginx(`if ${text} { }`);
  const directive = parsed.nodes[0];
  if (directive.type !== 'directive') throw new Error('no directive');
  return evaluateIf(directive.args, requestVariables({ host: 'app.test', port: 80, uri, method }, () => uri.split('?')[0]));
}

describe('if conditions', () => {
  test('operators, regexes, variables; unknown variables and file tests are undecided', () => {
    expect(condition('($request_method = POST)', '/', 'POST')).toBe(true);
    expect(condition('($request_method != POST)', '/', 'POST')).toBe(false);
    expect(condition('( $uri ~* ^/ADMIN/ )')).toBe(true);
    expect(condition('($uri !~ "^/admin/")')).toBe(false);
    expect(condition('($arg_x)', '/?x=0')).toBe(false);
    expect(condition('($arg_x)', '/?x=1')).toBe(true);
    expect(condition('($args = "a=1&b=2")', '/?a=1&b=2')).toBe(true);
    expect(condition('($http_authorization)')).toBeUndefined();
    expect(condition('(-f $request_filename)')).toBeUndefined();
  });
});

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('explain and a real nginx agree on if blocks', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      'etc/nginx/nginx.conf': CONFIG,
      'etc/nginx/htpasswd': `alice:${htpasswdHash(['-5', '-r', '1000'], 's3cret-pass')}\n`,
      'var/www/app/admin/index.html': 'admin\n',
      'var/www/app/public/index.html': 'public\n',
    });
  });
  afterAll(() => removeTree(root));

  test.each(REQUESTS)('%s %s', async (method, uri, status) => {
    const result = explain({ config: path.join(root, 'etc/nginx'), url: `http://app.test:8080${uri}`, method, client: '127.0.0.1', resolver: new PathResolver(root), platform: { platform: 'libxcrypt', source: 'test' } });
    const server = await RealNginx.prepare(nginx as string, root);
    try {
      await server.start();
      const real = await server.request(uri, { method, host: 'app.test', noLog: true });
      expect({ predicted: result.explanation.predicted.anonymous.status, real: real.status }).toEqual({ predicted: status, real: status });
    } finally {
      await server.stop();
    }
  });
});
