import type { Scope } from '../scopes';
import { compilePcre } from '../../http/pcre';

export type LocationModifier = '=' | '^~' | '~' | '~*' | '' | '@';

export interface LocationInfo {
  readonly scope: Scope;
  readonly modifier: LocationModifier;
  /** The prefix, exact URI, regex source or name. */
  readonly path: string;
  /** Compiled regex for ~ and ~*; undefined when JavaScript cannot compile the PCRE. */
  readonly regex?: RegExp;
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
  /** Regexes that could not be evaluated (PCRE syntax JavaScript lacks): the answer may be wrong. */
  readonly unknownRegexes: Scope[];
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
type SearchResult = { location?: Scope; rc: 'ok' | 'again' | 'declined' };

function children(parent: Scope): LocationInfo[] {
  return parent.children.filter((child) => child.kind === 'location').map(locationInfo);
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
  let result: SearchResult = { rc: 'declined' };
  let noregex = false;
  if (longest) {
    why.push(`${describeLocation(longest)} is the longest matching prefix${longest.scope.parent?.kind === 'location' ? ' among the nested locations' : ''}`);
    noregex = longest.modifier === '^~';
    const nested = search(longest.scope, uri, why, considered, unknown);
    if (nested.rc === 'ok') return nested;
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
