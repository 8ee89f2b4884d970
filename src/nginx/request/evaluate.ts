import * as path from 'node:path';
import { pathKind, type PathResolver } from '../../fs/rooted-paths';
import type { PlatformChoice } from '../../htpasswd/platform';
import { passwdCheck } from '../../htpasswd/check-login';
import { readAccounts } from '../../fs/accounts';
import { canRead } from '../../htpasswd/permissions';
import type { Placed } from '../config-tree';
import type { EffectiveAuth, NginxModel } from '../model';
import { effectiveDirective, type Scope } from '../scopes';
import { accessRules, ruleMatches, satisfyOf } from './access';
import { locationInfo, namedLocation, selectLocation, type LocationChoice } from './locations';
import { evaluateIf, requestVariables } from './if-condition';
import { compilePcre } from '../../http/pcre';
import { selectServer, virtualServers, type ServerChoice } from './servers';
import { normalizeUri } from '../../http/uri';
import type { Prediction, Predictions, RequestInput } from '../../core/request';

export type { RequestInput, Prediction } from '../../core/request';

export interface Explanation {
  readonly server: ServerChoice;
  readonly uri: string;
  readonly rewrites: string[];
  readonly location?: Scope;
  readonly locationChoice?: LocationChoice;
  readonly accessScope?: Scope;
  readonly auth?: EffectiveAuth;
  readonly satisfy: 'all' | 'any';
  readonly accessRules: Placed[];
  readonly authRequest?: Placed;
  readonly predicted: Predictions;
  readonly notes: string[];
}

interface Context {
  readonly model: NginxModel;
  readonly resolver: PathResolver;
  readonly platform: PlatformChoice;
}

type Scenario = 'anonymous' | 'wrong' | 'credentials';
const MAX_REDIRECTS = 10;

/** What nginx does with one request, from server choice to the predicted status, with reasons. */
export function explainRequest(ctx: Context, request: RequestInput): Explanation {
  const server = selectServer(virtualServers(ctx.model.scopes), request.host, request.port, /^[\d.]+$|:/.test(request.host) ? request.host : undefined);
  const notes: string[] = [];
  const empty = { satisfy: 'all' as const, accessRules: [], rewrites: [], notes };
  const uri = normalizeUri(request.uri);
  if (!server.server) {
    const none = { status: null, reason: server.why };
    return { ...empty, server, uri: request.uri, predicted: { anonymous: none, wrongCredentials: none, ...(request.credentials ? { credentials: none } : {}) } };
  }
  if (uri === undefined) {
    const bad = { status: 400, reason: 'nginx rejects a URI that climbs above the root with "400 Bad Request"' };
    return { ...empty, server, uri: request.uri, predicted: { anonymous: bad, wrongCredentials: bad, ...(request.credentials ? { credentials: bad } : {}) } };
  }
  const first = route(ctx, server.server.scope, uri, request, notes);
  const predict = (scenario: Scenario): Prediction => run(ctx, server.server!.scope, uri, request, scenario, notes, 0).prediction;
  const anonymous = predict('anonymous');
  const wrongCredentials = predict('wrong');
  const credentials = request.credentials ? predict('credentials') : undefined;
  const accessScope = first.scope ? limitExceptScope(first.scope, request.method) : undefined;
  const at = accessScope ?? first.scope;
  return {
    server,
    uri: first.uri,
    rewrites: first.rewrites,
    location: first.location,
    locationChoice: first.choice,
    accessScope,
    auth: at ? ctx.model.effectiveAuth(at) : undefined,
    satisfy: at ? satisfyOf(at).value : 'all',
    accessRules: at ? accessRules(at) : [],
    authRequest: at ? activeAuthRequest(at) : undefined,
    predicted: { anonymous, wrongCredentials, ...(credentials ? { credentials } : {}) },
    notes: [...new Set(notes)],
  };
}

interface Route {
  readonly uri: string;
  readonly rewrites: string[];
  readonly location?: Scope;
  readonly scope?: Scope;
  readonly choice?: LocationChoice;
  /** Set when the rewrite phase answers by itself (return, redirect). */
  readonly response?: Prediction;
}

/** Server rewrite phase, location search, location rewrite phase (with `last` restarts). */
function route(ctx: Context, server: Scope, startUri: string, request: RequestInput, notes: string[]): Route {
  const rewrites: string[] = [];
  let uri = startUri;
  const serverStep = rewritePhase(server, uri, rewrites, notes, request);
  if (serverStep.response) return { uri, rewrites, scope: server, response: serverStep.response };
  uri = serverStep.uri;
  for (let cycle = 0; cycle < MAX_REDIRECTS; cycle++) {
    const choice = selectLocation(server, uri);
    const scope = choice.location ?? server;
    if (choice.unknownRegexes.length > 0) notes.push('a regex location uses PCRE syntax authlint cannot evaluate; the location choice may differ');
    if (!choice.location) return { uri, rewrites, scope, choice };
    const step = rewritePhase(choice.location, uri, rewrites, notes, request);
    if (step.response) return { uri, rewrites, location: choice.location, scope, choice, response: step.response };
    if (!step.restart) return { uri: step.uri, rewrites, location: choice.location, scope, choice };
    uri = step.uri;
  }
  return { uri, rewrites, scope: server, response: { status: 500, reason: 'rewrite or internal redirection cycle (nginx gives up after 10 cycles with 500)' } };
}

/** A scope's rewrite-phase items in the order nginx runs them: directives and `if` blocks interleaved. */
function rewriteItems(scope: Scope): ({ placed: Placed } | { ifScope: Scope })[] {
  const ifs = scope.children.filter((child) => child.kind === 'if');
  if (!scope.block?.children) return [...scope.directives.map((placed) => ({ placed })), ...ifs.map((ifScope) => ({ ifScope }))];
  const out: ({ placed: Placed } | { ifScope: Scope })[] = [];
  const walk = (items: readonly Placed[]): void => {
    for (const item of items) {
      if (item.included) walk(item.included);
      else if (item.children) {
        const ifScope = item.directive.name === 'if' ? ifs.find((child) => child.block === item) : undefined;
        if (ifScope) out.push({ ifScope });
      } else out.push({ placed: item });
    }
  };
  walk(scope.block.children);
  return out;
}

/** The rewrite module's own directives: an `if` holding only these changes no other configuration. */
const REWRITE_MODULE = new Set(['rewrite', 'return', 'break', 'set', 'rewrite_log', 'uninitialized_variable_warn']);

interface RewriteStep {
  readonly uri: string;
  readonly restart?: boolean;
  readonly response?: Prediction;
  /** `break` (or a rewrite … break): the rest of the rewrite directives are skipped. */
  readonly stop?: boolean;
}

/**
 * ngx_http_rewrite_module's pass over one scope: return, rewrite and `if` blocks in order.
 * An `if` whose condition authlint can evaluate for this request runs (or not); one it cannot
 * (a header, a file test) is noted when it holds a return or rewrite.
 */
function rewritePhase(scope: Scope, startUri: string, rewrites: string[], notes: string[], request: RequestInput): RewriteStep {
  let uri = startUri;
  let changed = false;
  const lookup = requestVariables(request, () => uri);
  for (const item of rewriteItems(scope)) {
    if ('ifScope' in item) {
      const block = item.ifScope.block as Placed;
      const where = `${path.posix.basename(block.file.serverPath)}:${block.directive.range.start.line}`;
      const condition = `if (${block.directive.args.map((a) => a.raw).join(' ').replace(/^\(\s*|\s*\)$/g, '')})`;
      const holds = evaluateIf(block.directive.args, lookup);
      if (holds === undefined) {
        if (item.ifScope.directives.some((d) => d.directive.name === 'return' || d.directive.name === 'rewrite')) {
          notes.push(`${condition} (${where}) may return or rewrite before access checks: its condition depends on what authlint cannot see for this request`);
        }
        continue;
      }
      rewrites.push(`${condition} (${where}) is ${holds ? 'true' : 'false'} for this request`);
      if (!holds) continue;
      const configured = item.ifScope.directives.map((d) => d.directive.name).filter((n) => !REWRITE_MODULE.has(n));
      if (configured.length > 0) notes.push(`${condition} (${where}) is true: its block's own configuration (${[...new Set(configured)].join(', ')}) serves the request; the prediction uses the enclosing block's`);
      const inner = rewritePhase(item.ifScope, uri, rewrites, notes, request);
      if (inner.response) return inner;
      if (inner.uri !== uri) changed = true;
      uri = inner.uri;
      if (inner.restart) return { uri, restart: true };
      if (inner.stop) return { uri, stop: true };
      continue;
    }
    const { placed } = item;
    const { name, args } = placed.directive;
    const where = `${path.posix.basename(placed.file.serverPath)}:${placed.directive.range.start.line}`;
    if (name === 'break') return { uri, stop: true };
    if (name === 'return') {
      const code = args[0]?.value ?? '';
      const status = /^\d{3}$/.test(code) ? Number(code) : /^(https?:\/\/|\$scheme)/.test(code) ? 302 : 500;
      rewrites.push(`return ${args.map((a) => a.raw).join(' ')} (${where}) answers before any access check`);
      return { uri, response: { status, reason: `"return ${code}" (${where}) runs in the rewrite phase, before access checks: no password is asked` } };
    }
    if (name !== 'rewrite' || args.length < 2) continue;
    const regex = compilePcre(args[0].value, false);
    if (!regex) {
      notes.push(`rewrite ${args[0].raw} (${where}) uses PCRE syntax authlint cannot evaluate`);
      continue;
    }
    const match = regex.exec(uri);
    if (!match) continue;
    const replacement = args[1].value;
    const flag = args[2]?.value;
    // The new URI is the replacement itself, with captures and variables filled in (not a
    // substitution of the matched part: `rewrite ^ /public/` gives /public/).
    let unknownVariable = false;
    const target = replacement.replace(/\$(?:(\d)|\{(\w+)\}|(\w+))/g, (_all, group: string | undefined, braced: string | undefined, bare: string | undefined) => {
      if (group !== undefined) return match[Number(group)] ?? '';
      const value = lookup(braced ?? bare ?? '');
      if (value === undefined) unknownVariable = true;
      return value ?? '';
    });
    if (unknownVariable) notes.push(`rewrite ${args[0].raw} ${args[1].raw} (${where}) uses a variable authlint cannot know for this request`);
    if (flag === 'redirect' || flag === 'permanent' || /^(https?:\/\/|\$scheme)/.test(replacement)) {
      const status = flag === 'permanent' ? 301 : 302;
      rewrites.push(`rewrite ${args[0].raw} (${where}) redirects with ${status}`);
      return { uri, response: { status, reason: `"rewrite … ${flag ?? ''}" (${where}) redirects (${status}) before access checks` } };
    }
    rewrites.push(`rewrite ${args[0].raw} ${args[1].raw}${flag ? ' ' + flag : ''} (${where}): ${uri} → ${target.split('?')[0]}`);
    uri = target.split('?')[0];
    changed = true;
    if (flag === 'break') return { uri, stop: true };
    if (flag === 'last') return { uri, restart: true };
  }
  return { uri, restart: changed && scope.kind === 'location' };
}

function limitExceptScope(scope: Scope, method: string): Scope | undefined {
  const upper = method.toUpperCase();
  for (const child of scope.children) {
    if (child.kind !== 'limit_except') continue;
    const allowed = child.block?.directive.args.map((a) => a.value.toUpperCase()) ?? [];
    if (allowed.includes('GET')) allowed.push('HEAD');
    if (!allowed.includes(upper)) return child;
  }
  return undefined;
}

function activeAuthRequest(scope: Scope): Placed | undefined {
  const found = effectiveDirective(scope, 'auth_request');
  return found && found.placed.directive.args[0]?.value !== 'off' ? found.placed : undefined;
}

function run(ctx: Context, server: Scope, uri: string, request: RequestInput, scenario: Scenario, notes: string[], depth: number): { prediction: Prediction } {
  const routed = route(ctx, server, uri, request, notes);
  if (routed.response) return { prediction: withErrorPage(routed.scope ?? server, routed.response) };
  const scope = routed.scope ?? server;
  const accessScope = limitExceptScope(scope, request.method) ?? scope;
  const access = accessPhase(ctx, accessScope, request, scenario, notes);
  if (access) return { prediction: withErrorPage(scope, access) };
  return { prediction: withErrorPage(scope, contentPhase(ctx, server, scope, routed, request, scenario, notes, depth)) };
}

/** The access phase: allow/deny, auth_request and auth_basic, combined by `satisfy`. Returns undefined when access is granted. */
function accessPhase(ctx: Context, scope: Scope, request: RequestInput, scenario: Scenario, notes: string[]): Prediction | undefined {
  const satisfy = satisfyOf(scope).value;
  const results: { ok: boolean | undefined; failure?: Prediction }[] = [];

  const rules = accessRules(scope);
  if (rules.length > 0) {
    let decided: boolean | undefined = undefined;
    let unknown = false;
    for (const rule of rules) {
      const match = ruleMatches(rule.directive.args[0]?.value ?? '', request.client);
      if (match === undefined) {
        unknown = true;
        break;
      }
      if (match) {
        decided = rule.directive.name === 'allow';
        break;
      }
    }
    if (unknown) {
      notes.push('allow/deny rules depend on the client address (give it with --client)');
      results.push({ ok: undefined, failure: { status: 403, reason: 'a deny rule may match the client address' } });
    } else if (decided === false) results.push({ ok: false, failure: { status: 403, reason: 'deny matches the client: 403, "access forbidden by rule"' } });
    else if (decided === true) results.push({ ok: true });
    // no rule matched: the access module declines (neither allows nor denies)
  }

  const authRequest = activeAuthRequest(scope);
  if (authRequest) {
    results.push({ ok: undefined, failure: { status: null, reason: `auth_request ${authRequest.directive.args[0]?.value} decides (a subrequest)` } });
  }

  const auth = ctx.model.effectiveAuth(scope);
  if (auth.realmOn && auth.userFile) results.push(basicAuth(ctx, auth, scenario, request.credentials));

  if (results.length === 0) return undefined;
  if (satisfy === 'all') {
    for (const result of results) {
      if (result.ok === false) return result.failure;
      if (result.ok === undefined) return result.failure;
    }
    return undefined;
  }
  if (results.some((r) => r.ok === true)) return undefined;
  const unknown = results.find((r) => r.ok === undefined);
  if (unknown) return { status: null, reason: `satisfy any: ${unknown.failure?.reason ?? 'undecided'}` };
  // nginx keeps 401 over 403 when several access modules refuse under satisfy any.
  return results.find((r) => r.failure?.status === 401)?.failure ?? results[0].failure;
}

function basicAuth(ctx: Context, auth: EffectiveAuth, scenario: Scenario, credentials: RequestInput['credentials']): { ok: boolean | undefined; failure?: Prediction } {
  if (scenario === 'anonymous') {
    return { ok: false, failure: { status: 401, reason: `auth_basic ${auth.realm?.placed.directive.args[0]?.raw} asks for credentials (401 with WWW-Authenticate; logged at info level: no user/password was provided)` } };
  }
  const state = ctx.model.userFileStates().get(auth.userFile!.placed);
  if (!state || state.kind === 'variable') return { ok: undefined, failure: { status: null, reason: 'the user file name has variables: known only per request' } };
  if (state.kind === 'missing') return { ok: false, failure: { status: 403, reason: `the user file ${state.serverPath} does not exist: 403, open() "${state.serverPath}" failed (2: No such file or directory)` } };
  if (state.kind === 'directory') return { ok: false, failure: { status: 500, reason: `the user file ${state.serverPath} is a directory: 500, pread() … failed (21: Is a directory)` } };
  if (state.kind === 'error' || state.kind === 'outside-root') return { ok: false, failure: { status: 500, reason: `the user file cannot be opened: 500` } };
  // The workers open the file: when their account cannot read it, every login is a 500.
  const accounts = readAccounts(ctx.resolver);
  if (!ctx.resolver.rooted || accounts.users.size > 0) {
    const access = canRead(state.diskPath, ctx.resolver.rootDir ?? '/', ctx.model.workerUser, accounts);
    if (!access.readable) return { ok: false, failure: { status: 500, reason: `the workers (${ctx.model.workerUser}) cannot read ${state.serverPath} (${access.reason}): 500, open() … failed (13: Permission denied)` } };
  }
  if (scenario === 'wrong' || !credentials) return { ok: false, failure: { status: 401, reason: 'wrong credentials: 401 (user "…" was not found / password mismatch)' } };
  // Real credentials: checked the way nginx reads the file and verifies the hash.
  const read = ctx.resolver.readFile(state.diskPath);
  if (!read.ok) return { ok: false, failure: { status: 500, reason: `${state.serverPath} cannot be read (${read.message}): 500` } };
  const check = passwdCheck({ bytes: read.bytes, user: credentials.user, password: credentials.password, server: 'nginx', platform: ctx.platform });
  if (check.matches) return { ok: true };
  if (check.undecided) return { ok: undefined, failure: { status: null, reason: check.reason } };
  return { ok: false, failure: { status: check.serverStatus ?? 401, reason: check.reason } };
}

function contentPhase(ctx: Context, server: Scope, scope: Scope, routed: Route, request: RequestInput, scenario: Scenario, notes: string[], depth: number): Prediction {
  for (const name of ['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']) {
    const handler = scope.directives.find((d) => d.directive.name === name);
    if (handler) return { status: null, reason: `${name} ${handler.directive.args[0]?.value ?? ''}: the backend decides the status` };
  }
  if (scope.directives.some((d) => d.directive.name === 'stub_status' || d.directive.name === 'empty_gif')) return { status: 200, reason: 'a built-in content handler answers' };
  const tryFiles = effectiveDirective(scope, 'try_files');
  const files = fileMapper(ctx, scope, routed);
  if (!files) return { status: null, reason: 'the document root depends on variables' };
  const method = request.method.toUpperCase();
  // The static and index modules answer only GET, HEAD and POST (and POST only for a directory
  // redirect): everything else is 405 Not Allowed.
  const staticFile = (what: string): Prediction =>
    method === 'GET' || method === 'HEAD' ? { status: 200, reason: `serves the file ${what}` } : { status: 405, reason: `serves ${what} statically, which answers ${method} with 405 Not Allowed` };
  if (!['GET', 'HEAD', 'POST'].includes(method) && !tryFiles) return { status: 405, reason: `static content answers ${method} with 405 Not Allowed` };
  if (tryFiles) {
    const args = tryFiles.placed.directive.args.map((a) => a.value);
    for (const candidate of args.slice(0, -1)) {
      const expanded = candidate.replace(/\$uri/g, routed.uri);
      if (expanded.includes('$')) return { status: null, reason: `try_files ${candidate} depends on variables` };
      const kind = files(expanded);
      if (expanded.endsWith('/') && kind === 'dir') {
        // A directory test: the URI stays as it was, and the static module then redirects a
        // directory without its trailing slash (301) or serves its index.
        if (!routed.uri.endsWith('/')) return !['GET', 'HEAD', 'POST'].includes(method) ? { status: 405, reason: `static content answers ${method} with 405` } : { status: 301, reason: `try_files finds the directory ${expanded}; the static module redirects to add the slash (301)` };
        return indexOf(expanded);
      }
      if (!expanded.endsWith('/') && kind === 'file') return staticFile(`${expanded} (try_files)`);
    }
    const last = args[args.length - 1] ?? '';
    if (/^=\d{3}$/.test(last)) return { status: Number(last.slice(1)), reason: `try_files finds nothing and answers ${last.slice(1)}` };
    if (depth >= MAX_REDIRECTS) return { status: 500, reason: 'internal redirection cycle' };
    if (last.startsWith('@')) {
      const named = namedLocation(server, last);
      return named ? contentPhase(ctx, server, named, { ...routed, scope: named, location: named }, request, scenario, notes, depth + 1) : { status: 500, reason: `no location ${last}` };
    }
    return run(ctx, server, last.replace(/\$uri/g, routed.uri), request, scenario, notes, depth + 1).prediction;
  }
  if (routed.uri.endsWith('/')) return indexOf(routed.uri);
  const kind = files(routed.uri);
  if (kind === 'file') return method === 'POST' ? { status: 405, reason: 'the static module answers POST to a file with 405 Not Allowed' } : staticFile(routed.uri);
  if (kind === 'dir') return { status: 301, reason: 'a directory without a trailing slash: 301 to add it' };
  return { status: 404, reason: `${routed.uri} does not exist under the document root: 404` };

  function indexOf(dirUri: string): Prediction {
    if (files!(dirUri) !== 'dir') return { status: 404, reason: `${dirUri} has no directory under the document root: 404` };
    const index = effectiveDirective(scope, 'index')?.placed.directive.args.map((a) => a.value) ?? ['index.html'];
    for (const name of index) {
      if (files!(dirUri + name) === 'file') {
        if (depth >= MAX_REDIRECTS) return { status: 500, reason: 'internal redirection cycle' };
        const next = run(ctx, server, dirUri + name, request, scenario, notes, depth + 1).prediction;
        return { status: next.status, reason: `index ${name}: an internal redirect to ${dirUri + name}, searched again: ${next.reason}` };
      }
    }
    const autoindex = effectiveDirective(scope, 'autoindex')?.placed.directive.args[0]?.value === 'on';
    return autoindex ? { status: 200, reason: 'autoindex lists the directory' } : { status: 403, reason: 'a directory without an index file: 403 (directory index … is forbidden)' };
  }
}

/** Maps a URI to what is on disk under the effective root or alias, through --root. */
function fileMapper(ctx: Context, scope: Scope, routed: Route): ((uri: string) => 'file' | 'dir' | 'none') | undefined {
  const alias = routed.location ? effectiveDirective(routed.location, 'alias') : undefined;
  const root = effectiveDirective(scope, 'root');
  const base = alias?.placed.directive.args[0]?.value ?? root?.placed.directive.args[0]?.value ?? '/usr/share/nginx/html';
  if (base.includes('$')) return undefined;
  const absolute = base.startsWith('/') ? base : `/usr/share/nginx/${base}`;
  const prefix = alias && routed.location ? locationInfo(routed.location).path : '';
  return (uri: string) => {
    const rest = alias && uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
    return pathKind(ctx.resolver, path.posix.join(absolute, rest));
  };
}

/** error_page for the status: `=code` changes it, a URL redirects (302), an internal page keeps it. */
function withErrorPage(scope: Scope, prediction: Prediction): Prediction {
  if (prediction.status === null) return prediction;
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const pages = level.directives.filter((d) => d.directive.name === 'error_page');
    if (pages.length === 0) continue;
    for (const page of pages) {
      const args = page.directive.args.map((a) => a.value);
      const codes = args.filter((a) => /^\d{3}$/.test(a)).map(Number);
      if (!codes.includes(prediction.status)) continue;
      const change = args.find((a) => /^=\d*$/.test(a));
      const target = args[args.length - 1];
      if (/^https?:\/\//.test(target)) return { status: 302, reason: `${prediction.reason}; error_page ${prediction.status} redirects to ${target} (302)` };
      if (change && change.length > 1) return { status: Number(change.slice(1)), reason: `${prediction.reason}; error_page ${prediction.status} ${change} changes the status to ${change.slice(1)}` };
      return { status: prediction.status, reason: `${prediction.reason}; error_page ${prediction.status} serves ${target}` };
    }
    return prediction;
  }
  return prediction;
}

