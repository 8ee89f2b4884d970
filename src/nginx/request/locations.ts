import type { Scope } from '../scopes';
import { compilePcre, type PcreRegex } from '../../http/pcre';

export type LocationModifier = '=' | '^~' | '~' | '~*' | '' | '@';

export interface LocationInfo {
  readonly scope: Scope;
  readonly modifier: LocationModifier;
  /** The prefix, exact URI, regex source or name. */
  readonly path: string;
  /** Translated regex for ~ and ~*; undefined when the PCRE has no JavaScript equivalent. */
  readonly regex?: PcreRegex;
}

const infoCache = new WeakMap<Scope, LocationInfo>();

/** A location's modifier and path, glued (`=/x`, `~*\.php$`) or apart (`= /x`), as nginx accepts both. */
export function locationInfo(scope: Scope): LocationInfo {
  const cached = infoCache.get(scope);
  if (cached) return cached;
  const args = scope.block?.directive.args.map((arg) => arg.value) ?? [];
  let modifier: LocationModifier = '';
  let path = args[0] ?? '';
  if (args.length >= 2) {
    modifier = (['=', '^~', '~', '~*'].includes(args[0]) ? args[0] : '') as LocationModifier;
    path = args[1];
  } else if (path.startsWith('@')) modifier = '@';
  else if (path.startsWith('=')) [modifier, path] = ['=', path.slice(1)];
  else if (path.startsWith('~*')) [modifier, path] = ['~*', path.slice(2)];
  else if (path.startsWith('^~')) [modifier, path] = ['^~', path.slice(2)];
  else if (path.startsWith('~')) [modifier, path] = ['~', path.slice(1)];
  const info: LocationInfo = {
    scope,
    modifier,
    path,
    ...(modifier === '~' || modifier === '~*' ? { regex: compilePcre(path, modifier === '~*') } : {}),
  };
  infoCache.set(scope, info);
  return info;
}

export function describeLocation(info: LocationInfo): string {
  return `location ${info.modifier ? info.modifier + ' ' : ''}${info.path}`;
}

export interface LocationChoice {
  /** The location that serves the URI; undefined when none matches (the server's own settings apply). */
  readonly location?: Scope;
  /** How it was chosen, step by step, for explain. */
  readonly why: string[];
  /** Every location that was considered, and whether it matched. */
  readonly considered: { readonly location: Scope; readonly matched: boolean; readonly note: string }[];
  /** Regexes tried before the answer that could not be evaluated: the answer is then undecided. */
  readonly unknownRegexes: Scope[];
  /**
   * Set when nginx answers 301 to add a slash instead of choosing a location: the URI is a
   * prefix location's name without its trailing "/", that location hands requests to a backend
   * (proxy_pass, fastcgi_pass, …) and no location has the URI's own name.
   */
  readonly autoRedirect?: Scope;
}

/**
 * nginx's location search (ngx_http_core_find_location): an exact `=` match ends the search;
 * else the longest matching prefix is remembered and its nested locations searched; a `^~`
 * prefix stops here; otherwise regexes of this level are tried in order of appearance and the
 * first match wins (its nested locations searched in turn); with no regex match, the longest
 * prefix serves the request.
 */
export function selectLocation(parent: Scope, uri: string, options: { trace?: boolean } = {}): LocationChoice {
  // Rules call this thousands of times and need only the answer: skip the explanation then.
  const why: string[] = options.trace === false ? new NoTrace() : [];
  const considered: LocationChoice['considered'] = options.trace === false ? new NoTrace() : [];
  const unknownRegexes: Scope[] = [];
  const found = search(parent, uri, why, considered, unknownRegexes);
  if (found.rc === 'redirect') return { location: found.location, why, considered, unknownRegexes, autoRedirect: found.location };
  if (!found.location) why.push('no location matches: the server-level settings apply');
  return { location: found.location, why, considered, unknownRegexes };
}

/** An array that keeps nothing: the search's trace when nobody will read it. */
class NoTrace<T> extends Array<T> {
  override push(): number {
    return 0;
  }
}

/** nginx's return codes of the search: OK ends it, AGAIN/DECLINED let the caller try its regexes. */
type SearchResult = { location?: Scope; rc: 'ok' | 'again' | 'declined' | 'redirect' };

/** The handlers that set a location's auto_redirect flag when its name ends with "/". */
const PASS_HANDLERS = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);

function autoRedirects(info: LocationInfo): boolean {
  return info.modifier !== '~' && info.modifier !== '~*' && info.modifier !== '@' && info.path.endsWith('/') && info.scope.directives.some((d) => PASS_HANDLERS.has(d.directive.name));
}

const childrenCache = new WeakMap<Scope, LocationInfo[]>();

/** A scope's locations, in order (found once per scope: every search of every URI asks). */
function children(parent: Scope): LocationInfo[] {
  let locations = childrenCache.get(parent);
  if (!locations) childrenCache.set(parent, (locations = parent.children.filter((child) => child.kind === 'location').map(locationInfo)));
  return locations;
}

function search(parent: Scope, uri: string, why: string[], considered: LocationChoice['considered'], unknown: Scope[]): SearchResult {
  const locations = children(parent);
  let longest: LocationInfo | undefined;
  for (const info of locations) {
    if (info.modifier === '=') {
      const matched = uri === info.path;
      considered.push({ location: info.scope, matched, note: matched ? 'exact match' : 'exact, does not match' });
      if (matched) {
        why.push(`${describeLocation(info)} matches exactly, which ends the search`);
        return { location: info.scope, rc: 'ok' };
      }
    } else if (info.modifier === '' || info.modifier === '^~') {
      const matched = uri.startsWith(info.path);
      considered.push({ location: info.scope, matched, note: matched ? `prefix match (${info.path.length} characters)` : 'prefix, does not match' });
      if (matched && (!longest || info.path.length > longest.path.length)) longest = info;
    }
  }
  // ngx_http_core_find_static_location: a location named exactly as the URI is found first;
  // otherwise a "URI/" location with auto_redirect ends the search (regexes are not tried).
  if (!locations.some((info) => info.modifier !== '~' && info.modifier !== '~*' && info.path === uri)) {
    const redirect = locations.find((info) => info.path === `${uri}/` && autoRedirects(info));
    if (redirect) {
      why.push(`${describeLocation(redirect)} passes requests to a backend and its name is the URI plus "/": nginx answers 301 to add the slash, before any other location, rewrite or access check`);
      return { location: redirect.scope, rc: 'redirect' };
    }
  }
  let result: SearchResult = { rc: 'declined' };
  let noregex = false;
  if (longest) {
    why.push(`${describeLocation(longest)} is the longest matching prefix${longest.scope.parent?.kind === 'location' ? ' among the nested locations' : ''}`);
    noregex = longest.modifier === '^~';
    const nested = search(longest.scope, uri, why, considered, unknown);
    if (nested.rc === 'ok' || nested.rc === 'redirect') return nested;
    result = { location: nested.location ?? longest.scope, rc: 'again' };
  }
  if (noregex) {
    why.push(`the ^~ modifier of ${describeLocation(longest as LocationInfo)} skips the regexes at its level`);
    return result;
  }
  for (const info of locations) {
    if (info.modifier !== '~' && info.modifier !== '~*') continue;
    if (!info.regex) {
      unknown.push(info.scope);
      considered.push({ location: info.scope, matched: false, note: 'regex authlint cannot evaluate' });
      continue;
    }
    const matched = info.regex.test(uri);
    considered.push({ location: info.scope, matched, note: matched ? 'regex matches' : 'regex does not match' });
    if (matched) {
      const over = result.location ? `, so it wins over ${describeLocation(locationInfo(result.location))}` : '';
      why.push(`${describeLocation(info)} is the first regex (in order of appearance) that matches${over}`);
      const nested = search(info.scope, uri, why, considered, unknown);
      return { location: nested.location ?? info.scope, rc: 'ok' };
    }
  }
  if (result.location && parent.kind !== 'location') why.push(`no regex matches, so ${describeLocation(locationInfo(result.location))} serves the request`);
  return result;
}

/** A named location (`location @name`) of a server. */
export function namedLocation(server: Scope, name: string): Scope | undefined {
  const stack = [...server.children];
  while (stack.length > 0) {
    const scope = stack.shift() as Scope;
    if (scope.kind !== 'location') continue;
    const info = locationInfo(scope);
    if (info.modifier === '@' && info.path === name) return scope;
    stack.push(...scope.children);
  }
  return undefined;
}
