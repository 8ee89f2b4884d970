import * as path from 'node:path';
import type { RequestInput } from '../../core/request';
import { pathKind } from '../../fs/rooted-paths';
import { effectiveDirective, type Scope } from '../scopes';
import { content, MAX_REDIRECTS, special, undecided, type Flow, type Outcome } from './flow';
import { locationInfo, namedLocation } from './locations';

const BACKENDS = ['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass'];

/** Where the request is served: the location (if any) and the URI after rewrites. */
export interface Served {
  readonly uri: string;
  readonly scope: Scope;
  readonly location?: Scope;
}

/**
 * The content phase: a backend, a built-in handler, try_files, or the static and index modules
 * (which answer GET, HEAD and POST only; everything else is 405).
 */
export function contentPhase(flow: Flow, served: Served, request: RequestInput): Outcome {
  const { scope } = served;
  for (const name of BACKENDS) {
    const handler = scope.directives.find((d) => d.directive.name === name);
    if (handler) return undecided(`${name} ${handler.directive.args[0]?.value ?? ''}: the backend decides the status`);
  }
  if (scope.directives.some((d) => d.directive.name === 'stub_status' || d.directive.name === 'empty_gif')) return content(200, 'a built-in content handler answers');
  const tryFiles = effectiveDirective(scope, 'try_files');
  const files = fileMapper(flow, served);
  if (!files) return undecided('the document root depends on variables');
  const method = request.method.toUpperCase();
  const staticFile = (what: string): Outcome =>
    method === 'GET' || method === 'HEAD' ? content(200, `serves the file ${what}`) : special(405, `serves ${what} statically, which answers ${method} with 405 Not Allowed`);
  if (!['GET', 'HEAD', 'POST'].includes(method) && !tryFiles) return special(405, `static content answers ${method} with 405 Not Allowed`);
  const indexOf = (dirUri: string): Outcome => {
    if (files(dirUri) !== 'dir') return special(404, `${dirUri} has no directory under the document root: 404`);
    const index = effectiveDirective(scope, 'index')?.placed.directive.args.map((a) => a.value) ?? ['index.html'];
    for (const name of index) {
      if (files(dirUri + name) === 'file') {
        if (flow.depth >= MAX_REDIRECTS) return special(500, 'internal redirection cycle');
        const next = flow.run({ ...flow, depth: flow.depth + 1 }, dirUri + name, request, true);
        return { ...next, reason: `index ${name}: an internal redirect to ${dirUri + name}, searched again: ${next.reason}` };
      }
    }
    const autoindex = effectiveDirective(scope, 'autoindex')?.placed.directive.args[0]?.value === 'on';
    return autoindex ? content(200, 'autoindex lists the directory') : special(403, 'a directory without an index file: 403 (directory index … is forbidden)');
  };
  if (tryFiles) {
    const args = tryFiles.placed.directive.args.map((a) => a.value);
    for (const candidate of args.slice(0, -1)) {
      const expanded = candidate.replace(/\$uri/g, served.uri);
      if (expanded.includes('$')) return undecided(`try_files ${candidate} depends on variables`);
      const kind = files(expanded);
      if (expanded.endsWith('/') && kind === 'dir') {
        // A directory test: the URI stays as it was, and the static module then redirects a
        // directory without its trailing slash (301) or serves its index.
        if (!served.uri.endsWith('/')) return !['GET', 'HEAD', 'POST'].includes(method) ? special(405, `static content answers ${method} with 405`) : special(301, `try_files finds the directory ${expanded}; the static module redirects to add the slash (301)`);
        return indexOf(expanded);
      }
      if (!expanded.endsWith('/') && kind === 'file') return staticFile(`${expanded} (try_files)`);
    }
    const last = args[args.length - 1] ?? '';
    if (/^=\d{3}$/.test(last)) return special(Number(last.slice(1)), `try_files finds nothing and answers ${last.slice(1)}`);
    if (flow.depth >= MAX_REDIRECTS) return special(500, 'internal redirection cycle');
    const next = { ...flow, depth: flow.depth + 1 };
    if (last.startsWith('@')) {
      const named = namedLocation(flow.server, last);
      return named ? flow.runNamed(next, named, request) : special(500, `no location ${last}`);
    }
    return flow.run(next, last.replace(/\$uri/g, served.uri), request, true);
  }
  if (served.uri.endsWith('/')) return indexOf(served.uri);
  const kind = files(served.uri);
  if (kind === 'file') return method === 'POST' ? special(405, 'the static module answers POST to a file with 405 Not Allowed') : staticFile(served.uri);
  if (kind === 'dir') return special(301, 'a directory without a trailing slash: 301 to add it');
  return special(404, `${served.uri} does not exist under the document root: 404`);
}

/** Maps a URI to what is on disk under the effective root or alias, through --root. */
function fileMapper(flow: Flow, served: Served): ((uri: string) => 'file' | 'dir' | 'none') | undefined {
  const alias = served.location ? effectiveDirective(served.location, 'alias') : undefined;
  const root = effectiveDirective(served.scope, 'root');
  const base = alias?.placed.directive.args[0]?.value ?? root?.placed.directive.args[0]?.value ?? '/usr/share/nginx/html';
  if (base.includes('$')) return undefined;
  const absolute = base.startsWith('/') ? base : `/usr/share/nginx/${base}`;
  const prefix = alias && served.location ? locationInfo(served.location).path : '';
  return (uri: string) => {
    const rest = alias && uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
    return pathKind(flow.ctx.resolver, path.posix.join(absolute, rest));
  };
}
