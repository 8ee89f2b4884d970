import type * as Crypto from 'node:crypto';
import * as path from 'node:path';
import { readAccounts } from '../../fs/accounts';
import { canRead } from '../../htpasswd/permissions';
import { passwdCheck } from '../../htpasswd/check-login';
import type { PlatformChoice } from '../../htpasswd/platform';
import { pathKind, type PathResolver } from '../../fs/rooted-paths';
import { cidrContains } from '../../http/ip-ranges';
import { compilePcre } from '../../http/pcre';
import { evaluateApacheIf } from './if-expression';
import { normalizeUri } from '../../http/uri';
import { mapUrl, type Mapping } from './url-mapping';
import { AUTH_TYPE_MODULES } from '../providers';
import type { ApachePlaced } from '../config-tree';
import type { ApacheModel, MergedAuth } from '../model';
import { own, requireContainerOf, walkApacheScopes, type ApacheScope } from '../scopes';
import type { Prediction, Predictions, RequestInput } from '../../core/request';

export interface ApacheExplanation {
  readonly vhost?: ApacheScope;
  readonly vhostWhy: string;
  readonly uri: string;
  readonly filePath?: string;
  /** The sections that apply, in the order Apache merges them. */
  readonly sections: ApacheScope[];
  readonly auth: MergedAuth;
  readonly predicted: Predictions;
  readonly notes: string[];
}

interface Ctx {
  readonly model: ApacheModel;
  readonly resolver: PathResolver;
  readonly platform: PlatformChoice;
}

function listens(scope: ApacheScope): { address: string; port: number }[] {
  return (scope.section?.args ?? []).map((arg) => {
    const match = /^(.*?)(?::(\d+|\*))?$/.exec(arg) as RegExpExecArray;
    return { address: match[1] === '_default_' ? '*' : match[1], port: match[2] === undefined || match[2] === '*' ? -1 : Number(match[2]) };
  });
}

/** The <VirtualHost> a request reaches: those on its port, then ServerName/ServerAlias, else the first of them. */
export function selectVhost(model: ApacheModel, host: string, port: number): { vhost?: ApacheScope; why: string } {
  const vhosts = [...walkApacheScopes(model.root)].filter((s) => s.kind === 'vhost');
  const onPort = vhosts.filter((v) => listens(v).some((l) => l.port === port || l.port === -1));
  if (onPort.length === 0) return { why: vhosts.length === 0 ? 'no <VirtualHost>: the main server answers' : `no <VirtualHost> on port ${port}: the main server answers` };
  const names = (v: ApacheScope) => [...own(v, 'ServerName'), ...own(v, 'ServerAlias')].flatMap((d) => d.args.map((a) => a.toLowerCase().replace(/:\d+$/, '')));
  const wildcard = (pattern: string) => new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  const match = onPort.find((v) => names(v).some((n) => n === host || (/[*?]/.test(n) && wildcard(n).test(host))));
  if (match) return { vhost: match, why: `ServerName/ServerAlias of the <VirtualHost> at line ${match.section?.directive.range.start.line} matches "${host}"` };
  return { vhost: onPort[0], why: `no ServerName matches "${host}", so the first <VirtualHost> on port ${port} answers` };
}

/** Sections that apply to a URI and its file, in Apache's merge order. */
function applicable(ctx: Ctx, vhost: ApacheScope | undefined, uri: string, file: string | undefined, request: RequestInput, notes: string[]): ApacheScope[] {
  const top = [ctx.model.root, ...(vhost ? [vhost] : [])];
  const all = top.flatMap((s) => s.children);
  // Apache walks the directories that exist: a <Directory> below the last existing one does not apply.
  let dir = file ? (isDir(ctx, file) ? file : path.posix.dirname(file)) : undefined;
  while (dir && dir !== '/' && !isDir(ctx, dir)) dir = path.posix.dirname(dir);
  const out: ApacheScope[] = [...top];
  if (dir) {
    out.push(...ctx.model.scopesForDirectory(dir, vhost).filter((s) => s.kind === 'htaccess' || all.includes(s)));
    for (const s of all) {
      if (s.kind !== 'directorymatch' && !(s.kind === 'directory' && s.section?.args[0] === '~')) continue;
      const regex = compilePcre(s.path ?? '', false, { dollarEndOnly: true });
      if (regex?.test(dir)) out.push(s);
    }
  }
  if (file) {
    const base = path.posix.basename(file);
    for (const s of all) {
      if (s.kind === 'files' && s.path !== undefined && (s.path === base || (/[*?]/.test(s.path) && new RegExp('^' + s.path.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.') + '$').test(base)))) out.push(s);
      if (s.kind === 'filesmatch' && compilePcre(s.path ?? '', false, { dollarEndOnly: true })?.test(base)) out.push(s);
    }
  }
  for (const s of all) {
    if (s.kind === 'location' && s.path !== undefined && s.section?.args[0] !== '~' && (uri === s.path || uri.startsWith(s.path.endsWith('/') ? s.path : s.path + '/') || uri.startsWith(s.path))) out.push(s);
    if ((s.kind === 'locationmatch' || (s.kind === 'location' && s.section?.args[0] === '~')) && compilePcre(s.path ?? '', false, { dollarEndOnly: true })?.test(uri)) out.push(s);
  }
  // <If> sections are merged last (httpd's if-walk), in the order of the sections they sit in.
  return [...out, ...out.flatMap((s) => ifSections(s, request, uri, notes))];
}

/**
 * The <If>/<ElseIf>/<Else> children of a section that hold for this request, chain by chain.
 * One whose expression authlint cannot decide is noted and not applied, nor is the rest of its
 * chain.
 */
function ifSections(scope: ApacheScope, request: RequestInput, uri: string, notes: string[]): ApacheScope[] {
  const out: ApacheScope[] = [];
  let taken: boolean | undefined = false;
  for (const child of scope.children) {
    if (child.kind !== 'if' || !child.section) continue;
    const name = child.section.directive.name.toLowerCase();
    const where = `<${child.section.directive.name}${child.section.args[0] ? ` "${child.section.args[0]}"` : ''}> (line ${child.section.directive.range.start.line})`;
    if (name === 'if') taken = false;
    if (taken !== false) {
      if (taken === undefined) notes.push(`${where} follows a condition authlint cannot decide; not applied`);
      continue;
    }
    const holds = name === 'else' ? true : evaluateApacheIf(child.section.args[0] ?? '', request, uri);
    if (holds === undefined) {
      notes.push(`${where} depends on what authlint cannot see for this request (a header, a cookie, a variable it does not know); its directives are not applied`);
      taken = undefined;
      continue;
    }
    if (!holds) continue;
    taken = true;
    out.push(child, ...ifSections(child, request, uri, notes));
  }
  return out;
}

const isDir = (ctx: Ctx, serverPath: string): boolean => pathKind(ctx.resolver, serverPath) === 'dir';
const exists = (ctx: Ctx, serverPath: string): 'file' | 'dir' | 'none' => pathKind(ctx.resolver, serverPath);

type Scenario = 'anonymous' | 'wrong' | 'credentials';

export function explainApacheRequest(ctx: Ctx, request: RequestInput): ApacheExplanation {
  const { vhost, why } = selectVhost(ctx.model, request.host, request.port);
  const notes: string[] = [];
  const everyone = (prediction: Prediction): Predictions => ({ anonymous: prediction, wrongCredentials: prediction, ...(request.credentials ? { credentials: prediction } : {}) });
  const none: MergedAuth = { requires: [], compat: [], satisfyAny: false };
  const problem = uriProblem(request.uri, encodedSlashes(ctx, vhost));
  const uri = normalizeUri(request.uri.replace(/%2f/gi, encodedSlashes(ctx, vhost) === 'nodecode' ? '%252F' : '%2F'));
  if (problem || uri === undefined) {
    return { vhost, vhostWhy: why, uri: request.uri, sections: [], auth: none, predicted: everyone(problem ?? { status: 400, reason: 'a URI that climbs above the root: 400' }), notes };
  }
  const mapping = mapUrl(ctx, vhost, uri, request, notes);
  if (mapping.kind === 'answer') return { vhost, vhostWhy: why, uri, sections: [], auth: none, predicted: everyone(mapping.prediction), notes };
  const file = mapping.kind === 'file' ? mapping.file : undefined;
  if (mapping.kind === 'file' && mapping.via !== 'DocumentRoot') notes.push(`${mapping.via} maps ${uri} to ${mapping.file}`);
  const sections = applicable(ctx, vhost, uri, file, request, notes);
  const auth = ctx.model.merge(sections);
  const predict = (scenario: Scenario): Prediction => decide(ctx, vhost, sections, auth, mapping, uri, request, scenario, notes);
  return {
    vhost,
    vhostWhy: why,
    uri,
    filePath: file,
    sections,
    auth,
    predicted: {
      anonymous: predict('anonymous'),
      wrongCredentials: predict('wrong'),
      ...(request.credentials ? { credentials: predict('credentials') } : {}),
    },
    notes: [...new Set(notes)],
  };
}

/** AllowEncodedSlashes of the virtual host (or the main server): off (the default), on or nodecode. */
function encodedSlashes(ctx: Ctx, vhost: ApacheScope | undefined): 'off' | 'on' | 'nodecode' {
  const setting = ((vhost ? own(vhost, 'AllowEncodedSlashes').pop() : undefined) ?? own(ctx.model.root, 'AllowEncodedSlashes').pop())?.args[0]?.toLowerCase();
  return setting === 'on' || setting === 'nodecode' ? setting : 'off';
}

/**
 * httpd's answer to a request target before any configuration applies (ap_unescape_url): an
 * invalid escape is 400; an escaped "/" (unless AllowEncodedSlashes) or NUL is 404 (AH00026).
 */
function uriProblem(raw: string, slashes: 'off' | 'on' | 'nodecode'): Prediction | undefined {
  const target = raw.split('?')[0];
  if (/%(?![0-9A-Fa-f]{2})/.test(target)) return { status: 400, reason: 'an invalid percent-escape in the path: 400 Bad Request' };
  if (/%00/.test(target)) return { status: 404, reason: 'an escaped NUL byte (%00) in the path: 404' };
  if (slashes === 'off' && /%2f/i.test(target)) return { status: 404, reason: 'an encoded slash (%2F) in the path with AllowEncodedSlashes Off (the default): 404 (AH00026: found %2f (encoded \'/\') in URI path)' };
  return undefined;
}

function decide(ctx: Ctx, vhost: ApacheScope | undefined, sections: ApacheScope[], auth: MergedAuth, mapping: Mapping, uri: string, request: RequestInput, scenario: Scenario, notes: string[]): Prediction {
  const file = mapping.kind === 'file' ? mapping.file : undefined;
  // A .htaccess whose directives are not allowed: 500 for everything below it.
  for (const s of sections) {
    if (s.kind !== 'htaccess') continue;
    const override = ctx.model.allowOverride(s.path as string, vhost);
    if (override.classes.has('all')) continue;
    const bad = s.directives.find((d) => /^(auth\w*|require\w*)$/i.test(d.directive.name) && !override.classes.has('authconfig'));
    if (bad) return { status: 500, reason: `${s.path}/.htaccess: ${bad.directive.name} not allowed here (AllowOverride lacks AuthConfig): 500` };
  }
  const access = authorize(ctx, auth, request, scenario, notes);
  if (access) return access;
  if (mapping.kind === 'proxy') return { status: null, reason: `${mapping.via}: the backend decides the status` };
  if (!file) return { status: 404, reason: 'no file' };
  const kind = exists(ctx, file);
  if (mapping.kind === 'file' && mapping.cgi) {
    if (kind === 'file') return { status: null, reason: `${mapping.via}: ${file} runs as a CGI script, which decides the status` };
    if (kind === 'none') return { status: 404, reason: `${file} does not exist: 404` };
  }
  if (kind === 'file') return { status: 200, reason: `serves ${file}` };
  if (kind === 'dir') {
    if (!uri.endsWith('/')) return { status: 301, reason: 'a directory without a trailing slash: 301 (mod_dir)' };
    const indexes = sections.flatMap((s) => own(s, 'DirectoryIndex')).pop()?.args ?? ['index.html'];
    for (const name of indexes) {
      if (exists(ctx, path.posix.join(file, name)) !== 'file') continue;
      // mod_dir looks the index up with a GET subrequest, which passes the access checks again
      // (its own <Files>, <If> on the method…) and whose refusal becomes the answer.
      const sub: RequestInput = { ...request, method: 'GET' };
      const subSections = applicable(ctx, vhost, uri + name, path.posix.join(file, name), sub, notes);
      const refused = authorize(ctx, ctx.model.merge(subSections), sub, scenario, notes);
      if (refused) return { status: refused.status, reason: `the index ${name} is looked up with a GET subrequest, which is refused: ${refused.reason}` };
      return { status: 200, reason: `serves the index ${name}` };
    }
    return { status: 403, reason: 'a directory without an index file (and no Options Indexes listing): 403' };
  }
  return { status: 404, reason: `${file} does not exist: 404` };
}

/**
 * A Digest login as the client computes it: the file's "user:realm:HA1" line for the AuthName
 * realm, where HA1 = MD5(user:realm:password) (htdigest). True, or why the login fails.
 */
function digestLogin(text: string, user: string, realm: string, password: string): true | string {
  const line = text.split('\n').map((l) => l.replace(/\r$/, '')).find((l) => l.startsWith(`${user}:${realm}:`));
  if (!line) return `no "${user}" for the realm "${realm}" in the Digest password file: 401 (AH01790: user not found)`;
  const expected = line.slice(`${user}:${realm}:`.length).trim().toLowerCase();
  // node:crypto is loaded here, when a Digest password is checked, not on every start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const computed = (require('node:crypto') as typeof Crypto).createHash('md5').update(`${user}:${realm}:${password}`).digest('hex');
  return computed === expected ? true : `the Digest response does not match the stored hash (wrong password): 401 (AH01792: password mismatch)`;
}

type Verdict = true | false | 'auth';

/**
 * mod_authz_core with AuthMerging Off: the Require lines in force, outside containers, form an
 * implicit <RequireAny>; <RequireAll> needs every line, <RequireNone> none. A user-based line
 * (valid-user, user, group) asks for authentication ('auth') until a user is known.
 */
function evaluateRequires(auth: MergedAuth, client: string | undefined, user: string | undefined, notes: string[], method = 'GET', groupsOf: (user: string) => string[] = () => []): Verdict {
  const lines = auth.requires;
  const childrenOf = (container: ApachePlaced | undefined) => lines.filter((d) => requireContainerOf(d) === container);
  const line = (r: ApachePlaced, args: readonly string[] = r.args): Verdict => {
    const [kind = '', ...rest] = args.map((a) => a.toLowerCase());
    if (kind === 'not') {
      const inner = line(r, args.slice(1));
      return inner === 'auth' ? 'auth' : !inner;
    }
    if (kind === 'method') return args.slice(1).map((m) => m.toUpperCase()).includes(method) || (method === 'HEAD' && args.slice(1).map((m) => m.toUpperCase()).includes('GET'));
    if (kind === 'all') return rest[0] === 'granted';
    if (kind === 'valid-user') return user === undefined ? 'auth' : true;
    if (kind === 'user') return user === undefined ? 'auth' : args.slice(1).includes(user);
    if (kind === 'group') return user === undefined ? 'auth' : groupsOf(user).some((g) => args.slice(1).includes(g));
    if (kind === 'ip' || kind === 'local') {
      if (client === undefined) {
        notes.push(`Require ${r.args.join(' ')} depends on the client address (give it with --client)`);
        return false;
      }
      const ranges = kind === 'local' ? ['127.0.0.0/8', '::1'] : args.slice(1);
      return ranges.some((range) => cidrContains(range, client));
    }
    notes.push(`Require ${args.join(' ')} depends on the request; counted as not granting`);
    return false;
  };
  const node = (d: ApachePlaced): Verdict => {
    const name = d.directive.name.toLowerCase();
    if (name === 'require') return line(d);
    const kids = childrenOf(d).map(node);
    if (name === 'requireall') return kids.includes(false) ? false : kids.every((k) => k === true) ? true : 'auth';
    if (name === 'requirenone') return kids.includes(true) ? false : kids.includes('auth') ? 'auth' : true;
    return any(kids);
  };
  const any = (kids: Verdict[]): Verdict => (kids.includes(true) ? true : kids.includes('auth') ? 'auth' : false);
  return any(childrenOf(undefined).map(node));
}

/** mod_access_compat: Order/Allow/Deny of the sections in force (the last one that has any). */
function accessCompat(merged: MergedAuth, client: string | undefined): 'allow' | 'deny' | undefined {
  const rules = merged.compat;
  if (rules.length === 0) return undefined;
  const order = rules.filter((d) => /^order$/i.test(d.directive.name)).pop()?.args.join('').toLowerCase() ?? 'deny,allow';
  const matches = (name: string) =>
    rules.some((d) => new RegExp(`^${name}$`, 'i').test(d.directive.name) && d.args[0]?.toLowerCase() === 'from' && d.args.slice(1).some((a) => a.toLowerCase() === 'all' || (client !== undefined && cidrContains(a, client))));
  const allowed = matches('allow');
  const denied = matches('deny');
  if (order.startsWith('allow')) return allowed && !denied ? 'allow' : 'deny';
  return denied && !allowed ? 'deny' : 'allow';
}

function authorize(ctx: Ctx, merged: MergedAuth, request: RequestInput, scenario: Scenario, notes: string[]): Prediction | undefined {
  // Require lines inside <Limit>/<LimitExcept> count only for the methods they cover.
  const method = request.method.toUpperCase();
  const skipped = new Set<ApachePlaced>();
  for (const limit of merged.requireScope?.children ?? []) {
    if (limit.kind !== 'limit' && limit.kind !== 'limitexcept') continue;
    const listed = (limit.section?.args ?? []).map((m) => m.toUpperCase());
    if (listed.includes('GET')) listed.push('HEAD');
    if ((limit.kind === 'limit') !== listed.includes(method)) for (const d of limit.directives) skipped.add(d);
  }
  const auth: MergedAuth = { ...merged, requires: merged.requires.filter((r) => !skipped.has(r)) };
  if (merged.requires.length === 0) {
    if (auth.authType && auth.authType.args[0]?.toLowerCase() !== 'none') return { status: 500, reason: 'AuthType with no Require: 500, AH01627: AuthType configured with no corresponding authorization directives' };
    return undefined;
  }
  // Every Require sits in a <Limit>/<LimitExcept> that leaves this method out: no authorization
  // applies to it, and httpd serves it without asking (not a 500).
  if (auth.requires.length === 0) return undefined;
  // mod_access_compat: with no Order/Allow/Deny at all it allows (Order deny,allow), so
  // `Satisfy Any` anywhere in force opens the directory to everyone.
  const compat = accessCompat(merged, request.client) ?? 'allow';
  if (compat === 'deny' && !merged.satisfyAny) return { status: 403, reason: 'Order/Allow/Deny refuse this client: 403 (AH01797: client denied by server configuration)' };
  if (compat === 'allow' && merged.satisfyAny) return undefined;
  const anonymous = evaluateRequires(auth, request.client, undefined, notes, method);
  if (anonymous === true) return undefined;
  if (anonymous === false) return { status: 403, reason: 'no Require grants this client: 403 (AH01630: client denied by server configuration)' };
  if (!auth.authType || auth.authType.args[0]?.toLowerCase() === 'none') return { status: 500, reason: 'Require needs a user but no AuthType is set: 500 (AH00027: No authentication done but request not allowed without authentication)' };
  const scheme = auth.authType.args[0]?.toLowerCase();
  const module = AUTH_TYPE_MODULES[scheme ?? ''];
  if (module && ctx.model.modulesKnown && !ctx.model.hasModule(module)) {
    return { status: 500, reason: `AuthType ${auth.authType.args[0]} without ${module} loaded: every request gets 500 (AH01796: AuthType ${auth.authType.args[0]} configured without corresponding module)` };
  }
  if (scheme !== 'basic' && scheme !== 'digest') return { status: null, reason: `AuthType ${auth.authType.args[0]}: decided by its module` };
  if (!auth.authName) return { status: 500, reason: `AuthType ${auth.authType.args[0]} without AuthName: 500 (AH01615: need AuthName)` };
  const realm = auth.authName.args[0];
  if (scenario === 'anonymous') return { status: 401, reason: `AuthType ${auth.authType.args[0]}, realm "${realm}": 401 with a ${scheme === 'digest' ? 'Digest' : 'Basic'} challenge` };
  if (scheme === 'digest' && scenario === 'wrong') return { status: 401, reason: 'AuthType Digest: wrong credentials (or Basic ones, which mod_auth_digest refuses: AH01781) get 401' };
  if (!auth.authUserFile) return { status: 500, reason: 'no AuthUserFile: every login gets 500 (AH01619)' };
  const state = ctx.model.fileState(auth.authUserFile.args[0]);
  if (state.kind === 'missing') return { status: 500, reason: `${state.serverPath} does not exist: 500 (AH01620: Could not open password file)` };
  if (state.kind === 'not-regular') return { status: 500, reason: `${state.serverPath} is not a regular file: 500 (AH00554)` };
  if (state.kind !== 'file') return { status: null, reason: 'the password file cannot be checked here' };
  // The workers (User / APACHE_RUN_USER) open the file at each login: if they cannot read it, 500.
  const accounts = readAccounts(ctx.resolver);
  if (!ctx.resolver.rooted || accounts.users.size > 0) {
    const access = canRead(state.diskPath, ctx.resolver.rootDir ?? '/', ctx.model.config.runUser, accounts);
    if (!access.readable) return { status: 500, reason: `the workers (${ctx.model.config.runUser}) cannot read ${state.serverPath} (${access.reason}): every login is a 500 (AH01620: Could not open password file)` };
  }
  if (scenario === 'wrong' || !request.credentials) return { status: 401, reason: 'wrong credentials: 401 (AH01617 / AH01618)' };
  const read = ctx.resolver.readFile(state.diskPath);
  if (!read.ok) return { status: 500, reason: `${state.serverPath} cannot be read (${read.message}): 500 (AH01620)` };
  if (scheme === 'digest') {
    const login = digestLogin(read.bytes.toString('utf8'), request.credentials.user, realm ?? '', request.credentials.password);
    if (login !== true) return { status: 401, reason: login };
  } else {
    const check = passwdCheck({ bytes: read.bytes, user: request.credentials.user, password: request.credentials.password, server: 'apache', platform: ctx.platform });
    if (!check.matches) return check.undecided ? { status: null, reason: check.reason } : { status: 401, reason: check.reason };
  }
  const groupsOf = (user: string): string[] => {
    const state = auth.authGroupFile ? ctx.model.fileState(auth.authGroupFile.args[0] ?? '') : undefined;
    if (!state || state.kind !== 'file') return [];
    // mod_authz_groupfile: "group: user1 user2" lines.
    const read = ctx.resolver.readText(state.diskPath);
    if (!read.ok) return [];
    return read.text
      .split('\n')
      .filter((line) => line.includes(':') && line.slice(line.indexOf(':') + 1).split(/\s+/).includes(user))
      .map((line) => line.slice(0, line.indexOf(':')).trim());
  };
  if (evaluateRequires(auth, request.client, request.credentials.user, notes, method, groupsOf) !== true) {
    // AuthzSendForbiddenOnFailure On answers 403 instead, so that the browser stops asking.
    if (auth.forbiddenOnFailure) return { status: 403, reason: `${request.credentials.user} logs in but the Require rules refuse them: 403 (AuthzSendForbiddenOnFailure On; AH01631: authorization failure)` };
    return { status: 401, reason: `${request.credentials.user} logs in but the Require rules refuse them: 401 (AH01631: authorization failure)` };
  }
  return undefined;
}

export type { ApachePlaced };
