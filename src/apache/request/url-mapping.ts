import * as path from 'node:path';
import type { Prediction, RequestInput } from '../../core/request';
import { readAccounts } from '../../fs/accounts';
import type { PathResolver } from '../../fs/rooted-paths';
import { compilePcre } from '../../http/pcre';
import type { ApacheModel } from '../model';
import { own, type ApacheScope } from '../scopes';
import type { ApachePlaced } from '../config-tree';

/**
 * httpd's translate_name phase, in its hook order: mod_rewrite's per-server rules, then
 * mod_proxy's ProxyPass, then mod_alias (Redirect* first, then Alias/ScriptAlias/AliasMatch/
 * ScriptAliasMatch, the virtual host's lists before the main server's), then mod_userdir, then
 * the core's DocumentRoot. Everything here runs before any access check: a redirect or a
 * [F]/[G] rule is the answer whatever auth the target has.
 */
export type Mapping =
  | { readonly kind: 'answer'; readonly prediction: Prediction }
  | { readonly kind: 'file'; readonly file: string; readonly via: string; readonly cgi?: boolean }
  | { readonly kind: 'proxy'; readonly via: string };

interface Context {
  readonly model: ApacheModel;
  readonly resolver: PathResolver;
}

const REDIRECT_STATUS: Record<string, number> = { permanent: 301, temp: 302, seeother: 303, gone: 410 };

/** The server's own config, then the virtual host's, as mod_alias and mod_rewrite see them. */
function levels(ctx: Context, vhost: ApacheScope | undefined): ApacheScope[] {
  return vhost ? [vhost, ctx.model.root] : [ctx.model.root];
}

const named = (d: ApachePlaced, ...names: string[]): boolean => names.includes(d.directive.name.toLowerCase());

/**
 * mod_alias's prefix test (alias_matches): the alias must match whole path segments — `/docs`
 * matches /docs and /docs/x but not /docsx — and runs of slashes in either count as one.
 */
export function aliasMatches(uri: string, alias: string): number {
  let u = 0;
  let a = 0;
  while (a < alias.length) {
    if (alias[a] === '/') {
      if (uri[u] !== '/') return 0;
      while (alias[a] === '/') a++;
      while (uri[u] === '/') u++;
    } else {
      if (uri[u] !== alias[a]) return 0;
      a++;
      u++;
    }
  }
  // The alias must end at a segment boundary of the URI.
  if (alias[alias.length - 1] !== '/' && u < uri.length && uri[u] !== '/') return 0;
  return u;
}

function substitute(template: string, match: (string | undefined)[]): string {
  return template.replace(/\$(\d)/g, (_all, n: string) => match[Number(n)] ?? '');
}

export function mapUrl(ctx: Context, vhost: ApacheScope | undefined, uri: string, request: RequestInput, notes: string[]): Mapping {
  const rewritten = rewriteRules(ctx, vhost, uri, request, notes);
  if (rewritten) return rewritten;
  for (const scope of levels(ctx, vhost)) {
    for (const proxy of own(scope, 'ProxyPass')) {
      const [from, to] = proxy.args;
      if (from && to !== '!' && uri.startsWith(from)) return { kind: 'proxy', via: `ProxyPass ${proxy.args.join(' ')}` };
      if (from && to === '!' && uri.startsWith(from)) break;
    }
  }
  const redirect = redirectFor(ctx, vhost, uri);
  if (redirect) return { kind: 'answer', prediction: redirect };
  for (const scope of levels(ctx, vhost)) {
    for (const d of scope.directives) {
      if (named(d, 'alias', 'scriptalias')) {
        const [from, to] = d.args;
        if (!from || !to) continue;
        const end = aliasMatches(uri, from);
        if (end === 0) continue;
        return { kind: 'file', file: to + uri.slice(end), via: `${d.directive.name} ${from} ${to} (line ${d.directive.range.start.line})`, cgi: named(d, 'scriptalias') };
      }
      if (named(d, 'aliasmatch', 'scriptaliasmatch')) {
        const [pattern, to] = d.args;
        const regex = pattern !== undefined && to !== undefined ? compilePcre(pattern, false, { dollarEndOnly: true }) : undefined;
        const match = regex?.exec(uri);
        if (!match || !to) continue;
        return { kind: 'file', file: substitute(to, match), via: `${d.directive.name} ${pattern} ${to} (line ${d.directive.range.start.line})`, cgi: named(d, 'scriptaliasmatch') };
      }
    }
  }
  const userdir = userDir(ctx, vhost, uri);
  if (userdir) return userdir;
  const docroot = (vhost ? own(vhost, 'DocumentRoot').pop() : undefined) ?? own(ctx.model.root, 'DocumentRoot').pop();
  return { kind: 'file', file: path.posix.join(docroot?.args[0] ?? '/var/www/html', uri), via: 'DocumentRoot' };
}

/** Redirect / RedirectMatch / RedirectPermanent / RedirectTemp of the virtual host, then of the main server. */
function redirectFor(ctx: Context, vhost: ApacheScope | undefined, uri: string): Prediction | undefined {
  for (const scope of levels(ctx, vhost)) {
    for (const d of scope.directives) {
      if (!named(d, 'redirect', 'redirectmatch', 'redirectpermanent', 'redirecttemp')) continue;
      const name = d.directive.name.toLowerCase();
      let args = [...d.args];
      let status = name === 'redirectpermanent' ? 301 : 302;
      if ((name === 'redirect' || name === 'redirectmatch') && args[0] !== undefined && (args[0].toLowerCase() in REDIRECT_STATUS || /^\d{3}$/.test(args[0]))) {
        status = REDIRECT_STATUS[args[0].toLowerCase()] ?? Number(args[0]);
        args = args.slice(1);
      }
      const pattern = args[0];
      if (pattern === undefined) continue;
      const matches = name === 'redirectmatch' ? compilePcre(pattern, false, { dollarEndOnly: true })?.test(uri) : aliasMatches(uri, pattern) > 0;
      if (matches) return { status, reason: `${d.directive.name} ${d.args.join(' ')} (line ${d.directive.range.start.line}) answers ${status} before any access check` };
    }
  }
  return undefined;
}

/**
 * mod_userdir: /~user/… maps through the UserDir entries in order (an absolute path: path/user;
 * one with "*": the user put in its place; a relative one: the user's home from /etc/passwd).
 * `UserDir disabled` turns it off, `disabled user…` / `enabled user…` per user. A relative
 * entry for an account that does not exist is skipped; the last entry is used even if the
 * directory does not exist.
 */
function userDir(ctx: Context, vhost: ApacheScope | undefined, uri: string): Mapping | undefined {
  if (ctx.model.config.modules && !ctx.model.hasModule('userdir_module')) return undefined;
  const match = /^\/~([^/]+)(\/.*)?$/.exec(uri);
  if (!match) return undefined;
  const [, user, rest = ''] = match;
  const directives = levels(ctx, vhost).flatMap((scope) => own(scope, 'UserDir'));
  if (directives.length === 0) return undefined;
  let allDisabled = false;
  const disabled = new Set<string>();
  const enabled = new Set<string>();
  const entries: string[] = [];
  for (const d of directives) {
    const [first = '', ...names] = d.args;
    if (first.toLowerCase() === 'disabled') {
      if (names.length === 0) allDisabled = true;
      names.forEach((n) => disabled.add(n));
    } else if (first.toLowerCase() === 'enabled') names.forEach((n) => enabled.add(n));
    else entries.push(...d.args);
  }
  if (disabled.has(user) || (allDisabled && !enabled.has(user))) return undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    let dir: string | undefined;
    if (entry.includes('*')) dir = entry.replace('*', user);
    else if (entry.startsWith('/')) dir = path.posix.join(entry, user);
    else {
      const account = readAccounts(ctx.resolver).users.get(user);
      if (!account?.home) continue;
      dir = path.posix.join(account.home, entry);
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) return { kind: 'answer', prediction: { status: 302, reason: `UserDir ${entry} redirects /~${user}/ (302) before any access check` } };
    return { kind: 'file', file: dir + rest, via: `UserDir ${entry}` };
  }
  return undefined;
}

/** The value of a mod_rewrite server variable for this request, or undefined when authlint cannot know it. */
function serverVariable(name: string, uri: string, request: RequestInput): string | undefined {
  switch (name.toUpperCase()) {
    case 'REQUEST_URI':
      return uri;
    case 'REQUEST_METHOD':
      return request.method.toUpperCase();
    case 'HTTP_HOST':
    case 'SERVER_NAME':
      return request.host;
    case 'QUERY_STRING':
      return request.args ?? '';
    case 'HTTPS':
      return request.scheme === 'https' ? 'on' : 'off';
    case 'REQUEST_SCHEME':
      return request.scheme ?? 'http';
    case 'SERVER_PORT':
      return String(request.port);
    case 'REMOTE_ADDR':
      return request.client;
    default:
      return undefined;
  }
}

/**
 * mod_rewrite in server / virtual-host context (the virtual host's own rules; the main server's
 * are not inherited without RewriteOptions Inherit): rules in order with their RewriteCond
 * lines. [F] answers 403, [G] 410, [R] (or an absolute URL) a redirect; "-" changes nothing.
 * Anything authlint cannot evaluate (an unknown variable, a file test, a substitution that maps
 * the request elsewhere) makes the answer undecided, with the rule named.
 */
function rewriteRules(ctx: Context, vhost: ApacheScope | undefined, uri: string, request: RequestInput, notes: string[]): Mapping | undefined {
  const scope = vhost ?? ctx.model.root;
  if (ctx.model.config.modules && !ctx.model.hasModule('rewrite_module')) return undefined;
  const engine = own(scope, 'RewriteEngine').pop();
  if (engine?.args[0]?.toLowerCase() !== 'on') return undefined;
  const undecided = (d: ApachePlaced, why: string): Mapping => ({ kind: 'answer', prediction: { status: null, reason: `RewriteRule ${d.args.join(' ')} (line ${d.directive.range.start.line}): ${why}` } });
  let conditions: ApachePlaced[] = [];
  for (const d of scope.directives) {
    if (named(d, 'rewritecond')) {
      conditions.push(d);
      continue;
    }
    if (!named(d, 'rewriterule')) continue;
    const pending = conditions;
    conditions = [];
    const [rawPattern = '', substitution = '-', rawFlags = ''] = d.args;
    const flags = rawFlags.replace(/^\[|\]$/g, '').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
    const negate = rawPattern.startsWith('!');
    const regex = compilePcre(negate ? rawPattern.slice(1) : rawPattern, flags.includes('nc') || flags.includes('nocase'), { dollarEndOnly: true });
    if (!regex) return undecided(d, 'its pattern uses PCRE syntax authlint cannot evaluate');
    const match = regex.exec(uri);
    if (!match === !negate) continue;
    const held = conditionsHold(pending, uri, request);
    if (held === undefined) return undecided(d, 'a RewriteCond depends on what authlint cannot see for this request');
    if (!held) continue;
    const status = flags.find((f) => f === 'f' || f === 'forbidden') ? 403 : flags.find((f) => f === 'g' || f === 'gone') ? 410 : undefined;
    if (status) return { kind: 'answer', prediction: { status, reason: `RewriteRule ${d.args.join(' ')} (line ${d.directive.range.start.line}) answers ${status} before any access check` } };
    const redirect = flags.find((f) => /^r(edirect)?(=|$)/.test(f));
    if (redirect || /^[a-z][a-z0-9+.-]*:\/\//i.test(substitution)) {
      const code = redirect?.split('=')[1];
      const redirectStatus = code === undefined ? 302 : /^\d{3}$/.test(code) ? Number(code) : code === 'permanent' ? 301 : code === 'seeother' ? 303 : 302;
      if (redirectStatus >= 400) return { kind: 'answer', prediction: { status: redirectStatus, reason: `RewriteRule … [R=${redirectStatus}] (line ${d.directive.range.start.line}) answers ${redirectStatus}` } };
      return { kind: 'answer', prediction: { status: redirectStatus, reason: `RewriteRule ${d.args.join(' ')} (line ${d.directive.range.start.line}) redirects (${redirectStatus}) before any access check` } };
    }
    if (substitution !== '-') return undecided(d, 'it maps the request to another path; authlint does not follow per-server rewrites to files');
    if (flags.includes('l') || flags.includes('last') || flags.includes('end')) break;
  }
  if (conditions.length > 0) notes.push('RewriteCond lines after the last RewriteRule apply to nothing');
  return undefined;
}

/** RewriteCond lines, joined by AND unless [OR]; undefined when one cannot be evaluated. */
function conditionsHold(conditions: readonly ApachePlaced[], uri: string, request: RequestInput): boolean | undefined {
  let result = true;
  let orPending = false;
  for (const cond of conditions) {
    const [test = '', rawPattern = '', rawFlags = ''] = cond.args;
    const flags = rawFlags.replace(/^\[|\]$/g, '').split(',').map((f) => f.trim().toLowerCase());
    let unknown = false;
    const value = test.replace(/%\{([A-Za-z_:]+)\}/g, (_all, name: string) => {
      const v = serverVariable(name, uri, request);
      if (v === undefined) unknown = true;
      return v ?? '';
    });
    if (unknown || /(^|[^\\])[$%]\d/.test(test)) return undefined;
    const negate = rawPattern.startsWith('!');
    const pattern = negate ? rawPattern.slice(1) : rawPattern;
    const caseless = flags.includes('nc') || flags.includes('nocase');
    let holds: boolean;
    if (pattern.startsWith('=')) holds = caseless ? value.toLowerCase() === pattern.slice(1).toLowerCase() : value === pattern.slice(1);
    else if (/^-[a-zA-Z]/.test(pattern) || /^[<>]/.test(pattern)) return undefined;
    else {
      const regex = compilePcre(pattern, caseless, { dollarEndOnly: true });
      if (!regex) return undefined;
      holds = regex.test(value);
    }
    if (negate) holds = !holds;
    result = orPending ? result || holds : result && holds;
    orPending = flags.includes('or') || flags.includes('ornext');
  }
  return result;
}
