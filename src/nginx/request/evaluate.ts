import type { Placed } from '../config-tree';
import type { EffectiveAuth } from '../model';
import type { Scope } from '../scopes';
import { accessRules, satisfyOf } from './access';
import { accessPhase, activeAuthRequest } from './access-phase';
import { contentPhase } from './content-phase';
import { applyErrorPage } from './error-pages';
import { MAX_REDIRECTS, special, undecided, type Flow, type ModelContext, type Outcome, type Scenario } from './flow';
import { locationInfo, selectLocation, describeLocation, type LocationChoice } from './locations';
import { rewritePhase } from './rewrite-phase';
import { selectServer, virtualServers, type ServerChoice } from './servers';
import { normalizeUri, uriProblem, validateHost } from '../../http/uri';
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

/** What nginx does with one request, from server choice to the predicted status, with reasons. */
export function explainRequest(ctx: ModelContext, request: RequestInput): Explanation {
  const notes: string[] = [];
  const empty = { satisfy: 'all' as const, accessRules: [], rewrites: [], notes };
  const everyone = (prediction: Prediction): Predictions => ({ anonymous: prediction, wrongCredentials: prediction, ...(request.credentials ? { credentials: prediction } : {}) });
  const host = request.host === '' ? '' : validateHost(request.host);
  const server = selectServer(virtualServers(ctx.model.scopes), host ?? request.host, request.port, /^[\d.]+$|:/.test(request.host) ? request.host : undefined);
  if (!server.server) return { ...empty, server, uri: request.uri, predicted: everyone({ status: null, reason: server.why }) };
  if (host === undefined) return { ...empty, server, uri: request.uri, predicted: everyone({ status: 400, reason: `"${request.host}" is not a valid host name: nginx answers 400 ("client sent invalid host header")` }) };
  const problem = uriProblem(request.uri);
  const uri = normalizeUri(request.uri);
  if (problem || uri === undefined) {
    return { ...empty, server, uri: request.uri, predicted: everyone({ status: 400, reason: problem ?? 'nginx rejects a URI that climbs above the root with "400 Bad Request"' }) };
  }
  const serverScope = server.server.scope;
  const first = route(ctx, serverScope, uri, request, notes, false);
  const predict = (scenario: Scenario): Prediction => {
    const { status, reason } = run(flowFor(ctx, serverScope, scenario, notes), uri, request, false);
    return { status, reason };
  };
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

function flowFor(ctx: ModelContext, server: Scope, scenario: Scenario, notes: string[]): Flow {
  return { ctx, server, scenario, notes, depth: 0, inErrorPage: false, run, runNamed, subrequest };
}

interface Route {
  readonly uri: string;
  readonly rewrites: string[];
  readonly location?: Scope;
  readonly scope?: Scope;
  readonly choice?: LocationChoice;
  /** Set when the request is answered before the access phase (return, redirect, 404 of an internal location…). */
  readonly response?: Outcome;
}

/**
 * Server rewrite phase, location search (with its automatic 301 and the `internal` check), location
 * rewrite phase (with `last` restarts). `internal` is whether the request is an internal one
 * (an internal redirect, a rewrite, a subrequest): only those may reach an `internal` location.
 */
function route(ctx: ModelContext, server: Scope, startUri: string, request: RequestInput, notes: string[], internal: boolean): Route {
  const rewrites: string[] = [];
  let uri = startUri;
  const serverStep = rewritePhase(server, uri, rewrites, notes, request);
  if (serverStep.response) return { uri, rewrites, scope: server, response: serverStep.response };
  uri = serverStep.uri;
  for (let cycle = 0; cycle < MAX_REDIRECTS; cycle++) {
    const choice = selectLocation(server, uri);
    const scope = choice.location ?? server;
    if (choice.unknownRegexes.length > 0) {
      const names = choice.unknownRegexes.map((s) => describeLocation(locationInfo(s))).join(', ');
      return { uri, rewrites, scope, choice, response: undecided(`${names} uses PCRE syntax authlint cannot evaluate (${choice.unknownRegexes.length > 1 ? 'they are' : 'it is'} tried before the answer): which location serves the request is unknown`) };
    }
    if (!choice.location) return { uri, rewrites, scope, choice };
    if (!internal && choice.location.directives.some((d) => d.directive.name === 'internal')) {
      return { uri, rewrites, location: choice.location, scope, choice, response: special(404, `${describeLocation(locationInfo(choice.location))} is internal: a request from a client gets 404`) };
    }
    if (choice.autoRedirect) {
      return { uri, rewrites, location: choice.location, scope, choice, response: special(301, `${describeLocation(locationInfo(choice.location))} hands requests to a backend and ends with "/": nginx answers ${uri} with 301 to ${uri}/ before its rewrites and access checks`) };
    }
    const step = rewritePhase(choice.location, uri, rewrites, notes, request);
    if (step.response) return { uri, rewrites, location: choice.location, scope, choice, response: step.response };
    if (!step.restart) return { uri: step.uri, rewrites, location: choice.location, scope, choice };
    uri = step.uri;
    internal = true;
  }
  return { uri, rewrites, scope: server, response: special(500, 'rewrite or internal redirection cycle (nginx gives up after 10 cycles with 500)') };
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

/** A request (or an internal redirect) from the location search to the response, error pages included. */
function run(flow: Flow, uri: string, request: RequestInput, internal: boolean): Outcome {
  const routed = route(flow.ctx, flow.server, uri, request, flow.notes, internal);
  const scope = routed.scope ?? flow.server;
  if (routed.response) return applyErrorPage(flow, scope, routed.response, request);
  return serve(flow, { uri: routed.uri, scope, location: routed.location }, request);
}

/** Access and content phases of the chosen scope. */
function serve(flow: Flow, served: { uri: string; scope: Scope; location?: Scope }, request: RequestInput): Outcome {
  const accessScope = limitExceptScope(served.scope, request.method) ?? served.scope;
  const refused = accessPhase(flow, accessScope, request);
  if (refused) return applyErrorPage(flow, accessScope, refused, request);
  return applyErrorPage(flow, served.scope, contentPhase(flow, served, request), request);
}

/** A jump to a named location (try_files, error_page): its rewrite phase, then access and content. */
function runNamed(flow: Flow, location: Scope, request: RequestInput): Outcome {
  const rewrites: string[] = [];
  const uri = normalizeUri(request.uri) ?? request.uri;
  const step = rewritePhase(location, uri, rewrites, flow.notes, request);
  if (step.response) return applyErrorPage(flow, location, step.response, request);
  if (step.restart) return run({ ...flow, depth: flow.depth + 1 }, step.uri, request, true);
  return serve(flow, { uri: step.uri, scope: location, location }, request);
}

/** An auth_request subrequest: routed (it may reach internal locations) and served without an access phase. */
function subrequest(flow: Flow, uri: string, request: RequestInput): Outcome {
  const routed = route(flow.ctx, flow.server, uri.split('?')[0], request, [], true);
  if (routed.response) return routed.response;
  const scope = routed.scope ?? flow.server;
  return contentPhase({ ...flow, inErrorPage: true }, { uri: routed.uri, scope, location: routed.location }, request);
}
