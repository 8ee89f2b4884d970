import type { Placed } from '../../nginx/config-tree';
import type { NginxModel } from '../../nginx/model';
import { locationInfo, selectLocation } from '../../nginx/request/locations';
import { directivesNamed, walkScopes, type Scope } from '../../nginx/scopes';
import type { RelatedInput } from '../../engine/rule';

/** The scope's auth as a request there meets it: realm on (protection intended) and whether a user file goes with it. */
export function protection(model: NginxModel, scope: Scope): { intended: boolean; complete: boolean } {
  const auth = model.effectiveAuth(scope);
  return { intended: auth.realmOn, complete: auth.realmOn && auth.userFile !== undefined };
}

/** Whether the scope turns auth off on purpose (`auth_basic off;` at its own level or above, below any realm). */
export function explicitlyOff(model: NginxModel, scope: Scope): boolean {
  const auth = model.effectiveAuth(scope);
  return auth.realm !== undefined && !auth.realmOn;
}

export function serverOf(scope: Scope): Scope | undefined {
  let level: Scope | undefined = scope;
  while (level && level.kind !== 'server') level = level.parent;
  return level;
}

export function locations(model: NginxModel): Scope[] {
  return model.allScopes().filter((scope) => scope.kind === 'location');
}

/** Every scope inside a server (the server included). */
export function scopesOf(server: Scope): Scope[] {
  return [...walkScopes([server])];
}

export function own(scope: Scope, name: string): Placed[] {
  return [...directivesNamed(scope, name)];
}

export function related(placed: Placed | undefined, message: string): RelatedInput[] {
  return placed ? [{ file: placed.file, range: placed.directive.range, message }] : [];
}

/** Where the location that serves `uri` in `server` is, with `server` standing for "no location". */
export function servingScope(server: Scope, uri: string): Scope {
  // Remembered per server and URI: rules ask for the same example URIs under many pairs of
  // locations, and each search walks the server's locations (a server of 2,000 of them and a
  // protected "/" asked the same URIs once per regex).
  let known = served.get(server);
  if (!known) served.set(server, (known = new Map()));
  let scope = known.get(uri);
  if (!scope) known.set(uri, (scope = selectLocation(server, uri, { trace: false }).location ?? server));
  return scope;
}

const served = new WeakMap<Scope, Map<string, Scope>>();

const SUFFIXES = ['index.php', 'x.php', 'notes.txt', 'app.js', 'site.css', 'data.json', 'page.html', 'backup.zip', 'dump.sql', 'file.bak', 'debug.log', 'logo.png', 'photo.jpg', 'x', 'x/'];

/**
 * URIs below a prefix that a regex location may capture: generic file names, plus names built
 * from literal extensions in the regex (`\.(js|css)$` gives a.js and a.css).
 */
export function exampleUris(prefix: string, regexSource: string): string[] {
  const base = prefix.endsWith('/') ? prefix : prefix + '/';
  const extensions = new Set<string>();
  for (const match of regexSource.matchAll(/\\\.\(?([a-zA-Z0-9|]+)\)?/g)) for (const ext of match[1].split('|')) extensions.add(ext);
  for (const match of regexSource.matchAll(/\/([a-zA-Z0-9_-]+)/g)) extensions.add(`/${match[1]}`);
  const candidates = [...SUFFIXES.map((s) => base + s)];
  for (const ext of extensions) candidates.push(ext.startsWith('/') ? `${base}x${ext}/y` : `${base}file.${ext}`);
  return candidates;
}

export function locationPath(scope: Scope): string {
  return locationInfo(scope).path;
}

/** The header of a block directive: from its name to the end of its last argument (`location ~ \.php$`). */
export function headerRange(placed: Placed): import('../../core/position').Range {
  const d = placed.directive;
  const last = d.args[d.args.length - 1];
  return { start: d.range.start, end: last ? last.range.end : d.nameWord.range.end };
}
