import type { RequestInput } from '../../core/request';
import { readAccounts } from '../../fs/accounts';
import { passwdCheck } from '../../htpasswd/check-login';
import { canRead } from '../../htpasswd/permissions';
import type { Placed } from '../config-tree';
import type { EffectiveAuth } from '../model';
import { effectiveDirective, type Scope } from '../scopes';
import { accessRules, ruleMatches, satisfyOf } from './access';
import { applyErrorPage } from './error-pages';
import { special, undecided, type Flow, type Outcome } from './flow';

/** One access module's verdict: granted (true), refused (false, with the status) or unknown. */
interface Verdict {
  readonly ok: boolean | undefined;
  readonly failure?: Outcome;
}

type AddressOutcome = 'allow' | 'deny' | 'decline';

export function activeAuthRequest(scope: Scope): Placed | undefined {
  const found = effectiveDirective(scope, 'auth_request');
  return found && found.placed.directive.args[0]?.value !== 'off' ? found.placed : undefined;
}

/**
 * The access phase: allow/deny, auth_basic and auth_request, combined by `satisfy`. Returns
 * undefined when access is granted, the refusal otherwise.
 *
 * nginx runs the phase's handlers in the reverse order of module registration: the access
 * module (allow/deny), then auth_basic, then auth_request (auto/modules). Under `satisfy all`
 * the first refusal answers, so a request without credentials at a location with both
 * auth_basic and auth_request gets auth_basic's 401 before any subrequest is made. Under
 * `satisfy any` the first grant wins; when all refuse, 401 is kept over 403.
 *
 * Without a client address, allow/deny is evaluated for every outcome it can have: when they
 * all lead to the same answer, that answer is decided.
 */
export function accessPhase(flow: Flow, scope: Scope, request: RequestInput): Outcome | undefined {
  const rules = accessRules(scope);
  const outcomes = addressOutcomes(rules, request.client);
  const answers = [...outcomes].map((address) => combine(flow, scope, request, address));
  const key = (answer: Outcome | undefined): string => (answer === undefined ? 'granted' : String(answer.status));
  if (answers.length === 1 || (answers.every((answer) => key(answer) === key(answers[0])) && key(answers[0]) !== 'null')) return answers[0];
  flow.notes.push('allow/deny rules depend on the client address (give it with --client)');
  const granted = answers.some((answer) => answer === undefined);
  const statuses = [...new Set(answers.filter((a): a is Outcome => a !== undefined).map((a) => a.status))];
  return undecided(`depends on the client address: ${granted ? 'access granted, or ' : ''}${statuses.join(' or ')} (allow/deny)`);
}

/** Which of allow / deny / neither the access rules can give for this client. */
function addressOutcomes(rules: readonly Placed[], client: string | undefined): Set<AddressOutcome> {
  const out = new Set<AddressOutcome>();
  if (rules.length === 0) return new Set(['decline']);
  for (const rule of rules) {
    const action = rule.directive.name === 'allow' ? 'allow' : 'deny';
    const match = ruleMatches(rule.directive.args[0]?.value ?? '', client);
    if (match === true) {
      out.add(action);
      return out;
    }
    if (match === undefined) out.add(action);
  }
  out.add('decline');
  return out;
}

function combine(flow: Flow, scope: Scope, request: RequestInput, address: AddressOutcome): Outcome | undefined {
  const satisfy = satisfyOf(scope).value;
  const verdicts: (() => Verdict)[] = [];
  if (address === 'allow') verdicts.push(() => ({ ok: true }));
  if (address === 'deny') verdicts.push(() => ({ ok: false, failure: special(403, 'deny matches the client: 403, "access forbidden by rule"') }));
  const auth = flow.ctx.model.effectiveAuth(scope);
  if (auth.realmOn && auth.userFile) verdicts.push(() => basicAuth(flow, auth, request));
  const authRequest = activeAuthRequest(scope);
  if (authRequest) verdicts.push(() => subrequestVerdict(flow, scope, authRequest, request));

  if (satisfy === 'all') {
    for (const verdict of verdicts) {
      const result = verdict();
      if (result.ok !== true) return result.failure;
    }
    return undefined;
  }
  // satisfy any: a grant ends the phase; 401/403 are remembered; any other error answers at once.
  const refusals: Outcome[] = [];
  let unknown: Verdict | undefined;
  for (const verdict of verdicts) {
    const result = verdict();
    if (result.ok === true) return undefined;
    if (result.ok === undefined) unknown ??= result;
    else if (result.failure && result.failure.status !== 401 && result.failure.status !== 403) return unknown ? undecided(`satisfy any: ${unknown.failure?.reason ?? 'undecided'}`) : result.failure;
    else if (result.failure) refusals.push(result.failure);
  }
  if (unknown) return undecided(`satisfy any: ${unknown.failure?.reason ?? 'undecided'}`);
  if (refusals.length === 0) return undefined;
  // nginx keeps 401 over 403 when several access modules refuse under satisfy any.
  return refusals.find((r) => r.status === 401) ?? refusals[0];
}

/**
 * auth_request: the subrequest is routed and served (without an access phase of its own); a 2xx
 * grants, 401 and 403 are passed on, anything else is a 500 ("auth request unexpected status").
 */
function subrequestVerdict(flow: Flow, scope: Scope, placed: Placed, request: RequestInput): Verdict {
  const target = placed.directive.args[0]?.value ?? '';
  if (target.includes('$')) return { ok: undefined, failure: undecided(`auth_request ${target} has variables: its subrequest is known only per request`) };
  const routed = flow.subrequest(flow, target, request);
  // A service authlint cannot see (a proxied portal) answers what the user says it answers.
  const answer = routed.status === null && request.authAnswer !== undefined ? { status: request.authAnswer, reason: `${routed.reason}; assumed to answer ${request.authAnswer} (--auth-answer)` } : routed;
  const via = `auth_request ${target}`;
  if (answer.status === null) {
    return { ok: undefined, failure: undecided(`${via} decides (a subrequest: ${answer.reason}); a 2xx answer lets the request through, ${refusalPaths(flow, scope, request)}, anything else is a 500`) };
  }
  if (answer.status >= 200 && answer.status < 300) return { ok: true };
  if (answer.status === 401 || answer.status === 403) return { ok: false, failure: special(answer.status, `${via} answers ${answer.status} (${answer.reason})`) };
  return { ok: false, failure: special(500, `${via} answers ${answer.status}, which auth_request turns into 500 ("auth request unexpected status: ${answer.status}")`) };
}

/**
 * What the client gets when the auth service refuses: 401 and 403 go through this location's
 * error_page like any error — a portal setup sends 401 to its login (`error_page 401 = @login`
 * with a 302 to the portal), which explain then tells instead of "401 is sent".
 */
function refusalPaths(flow: Flow, scope: Scope, request: RequestInput): string {
  const paths = [401, 403].map((status) => {
    const refused = special(status, `the auth service answers ${status}`);
    const answer = applyErrorPage(flow, scope, refused, request);
    if (answer === refused) return `${status} is sent to the client`;
    return `${status} becomes ${answer.status ?? 'a status known only at run time'} (${answer.reason})`;
  });
  return paths.join('; ');
}

function basicAuth(flow: Flow, auth: EffectiveAuth, request: RequestInput): Verdict {
  const { ctx, scenario } = flow;
  const credentials = request.credentials;
  if (scenario === 'anonymous') {
    return { ok: false, failure: special(401, `auth_basic ${auth.realm?.placed.directive.args[0]?.raw} asks for credentials (401 with WWW-Authenticate; logged at info level: no user/password was provided)`) };
  }
  const state = ctx.model.userFileStates().get(auth.userFile!.placed);
  if (!state || state.kind === 'variable') return { ok: undefined, failure: undecided('the user file name has variables: known only per request') };
  if (state.kind === 'missing') return { ok: false, failure: special(403, `the user file ${state.serverPath} does not exist: 403, open() "${state.serverPath}" failed (2: No such file or directory)`) };
  if (state.kind === 'directory') return { ok: false, failure: special(500, `the user file ${state.serverPath} is a directory: 500, pread() … failed (21: Is a directory)`) };
  if (state.kind === 'error' || state.kind === 'outside-root') return { ok: false, failure: special(500, 'the user file cannot be opened: 500') };
  // The workers open the file: when their account cannot read it, every login is a 500.
  const accounts = readAccounts(ctx.resolver);
  if (!ctx.resolver.rooted || accounts.users.size > 0) {
    const access = canRead(state.diskPath, ctx.resolver.rootDir ?? '/', ctx.model.workerUser, accounts);
    if (!access.readable) return { ok: false, failure: special(500, `the workers (${ctx.model.workerUser}) cannot read ${state.serverPath} (${access.reason}): 500, open() … failed (13: Permission denied)`) };
  }
  if (scenario === 'wrong' || !credentials) return { ok: false, failure: special(401, 'wrong credentials: 401 (user "…" was not found / password mismatch)') };
  // Real credentials: checked the way nginx reads the file and verifies the hash.
  const read = ctx.resolver.readFile(state.diskPath);
  if (!read.ok) return { ok: false, failure: special(500, `${state.serverPath} cannot be read (${read.message}): 500`) };
  const check = passwdCheck({ bytes: read.bytes, user: credentials.user, password: credentials.password, server: 'nginx', platform: ctx.platform });
  if (check.matches) return { ok: true };
  if (check.undecided) return { ok: undefined, failure: undecided(check.reason) };
  return { ok: false, failure: special(check.serverStatus ?? 401, check.reason) };
}
