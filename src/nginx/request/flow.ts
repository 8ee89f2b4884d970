import type { PathResolver } from '../../fs/rooted-paths';
import type { PlatformChoice } from '../../htpasswd/platform';
import type { Prediction, RequestInput } from '../../core/request';
import type { NginxModel } from '../model';
import type { Scope } from '../scopes';

/**
 * The shared vocabulary of the request model's phases (rewrite, access, content, error pages):
 * what they need to know and what they return.
 */

export interface ModelContext {
  readonly model: NginxModel;
  readonly resolver: PathResolver;
  readonly platform: PlatformChoice;
}

export type Scenario = 'anonymous' | 'wrong' | 'credentials';

/**
 * A phase's answer. `kind` says how nginx produces the response, which decides what error_page
 * does with it: `special` — the request is finalized with the status (errors, redirects): an
 * error_page for the status applies, and inside an error page this status replaces the original
 * one; `content` — a handler sends a response (a file, `return 200 "text"`): inside an error page
 * the original status (or `=code`) is sent instead. Undefined when authlint cannot tell.
 */
export interface Outcome extends Prediction {
  readonly kind?: 'special' | 'content';
}

export const special = (status: number | null, reason: string): Outcome => ({ status, reason, kind: 'special' });
export const content = (status: number | null, reason: string): Outcome => ({ status, reason, kind: 'content' });
export const undecided = (reason: string): Outcome => ({ status: null, reason });

/** One request's walk through the phases, with the ways back in (internal redirects). */
export interface Flow {
  readonly ctx: ModelContext;
  readonly server: Scope;
  readonly scenario: Scenario;
  readonly notes: string[];
  /** Internal redirects so far; nginx gives up with 500 after 10. */
  readonly depth: number;
  /** Set inside an error page while recursive_error_pages is off: no second error page. */
  readonly inErrorPage: boolean;
  /** Process a URI from the location search on (an internal redirect). */
  run(flow: Flow, uri: string, request: RequestInput, internal: boolean): Outcome;
  /** Process a named location from its rewrite phase on. */
  runNamed(flow: Flow, location: Scope, request: RequestInput): Outcome;
  /** Route and serve a subrequest (auth_request): no access phase. */
  subrequest(flow: Flow, uri: string, request: RequestInput): Outcome;
}

export const MAX_REDIRECTS = 10;
