import type { RequestInput } from '../../core/request';
import { effectiveDirective, type Scope } from '../scopes';
import { MAX_REDIRECTS, special, undecided, type Flow, type Outcome } from './flow';
import { namedLocation } from './locations';

interface ErrorPage {
  /** `=code`: the status to send; 0 for a bare `=` (the target's own status); undefined: keep the error's. */
  readonly overwrite?: number;
  readonly target: string;
  readonly written: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The error_page for a status, from the nearest level that has any (nginx inherits a level's
 * error pages as a whole, only when a level has none of its own).
 */
function findErrorPage(scope: Scope, status: number): ErrorPage | undefined {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const pages = level.directives.filter((d) => d.directive.name === 'error_page');
    if (pages.length === 0) continue;
    for (const page of pages) {
      const args = page.directive.args.map((a) => a.value);
      if (!args.filter((a) => /^\d{3}$/.test(a)).map(Number).includes(status)) continue;
      const change = args.find((a) => /^=\d*$/.test(a));
      return { overwrite: change === undefined ? undefined : change.length > 1 ? Number(change.slice(1)) : 0, target: args[args.length - 1], written: `error_page ${page.directive.args.map((a) => a.raw).join(' ')}` };
    }
    return undefined;
  }
  return undefined;
}

/**
 * What error_page does with a finalized status (ngx_http_send_error_page): a URI target is an
 * internal redirect (the method becomes GET, except HEAD), a `@name` target a jump to the named
 * location, anything else a redirect (302, or the `=code` when it is a redirect code). The
 * target is served like any request — its location's rewrites, access checks and content — and:
 * if it finalizes with a status of its own (a redirect, a 404, a 401 from its own auth_basic),
 * that status is sent; if it sends content (a file, `return 200 "text"`), the error's status
 * (or `=code`; with a bare `=`, the content's status) is sent. With recursive_error_pages off
 * (the default) the target's own errors get no second error page.
 */
export function applyErrorPage(flow: Flow, scope: Scope, outcome: Outcome, request: RequestInput): Outcome {
  if (outcome.kind !== 'special' || outcome.status === null || flow.inErrorPage) return outcome;
  const page = findErrorPage(scope, outcome.status);
  if (!page) return outcome;
  const original = outcome.status;
  const recursive = effectiveDirective(scope, 'recursive_error_pages')?.placed.directive.args[0]?.value === 'on';
  const inner: Flow = { ...flow, depth: flow.depth + 1, inErrorPage: !recursive };
  const because = `${outcome.reason}; ${page.written}`;
  if (page.target.includes('$')) return undecided(`${because}: the target has variables, known only per request`);
  if (!page.target.startsWith('/') && !page.target.startsWith('@')) {
    const status = page.overwrite !== undefined && REDIRECTS.has(page.overwrite) ? page.overwrite : 302;
    return special(status, `${because} redirects to ${page.target} (${status})`);
  }
  if (flow.depth >= MAX_REDIRECTS) return special(500, `${because}: rewrite or internal redirection cycle (500)`);
  let answer: Outcome;
  if (page.target.startsWith('@')) {
    const named = namedLocation(flow.server, page.target);
    if (!named) return special(500, `${because}: there is no location ${page.target} (500, "could not find named location")`);
    answer = flow.runNamed(inner, named, request);
  } else {
    const method = request.method.toUpperCase() === 'HEAD' ? 'HEAD' : 'GET';
    answer = flow.run(inner, page.target.split('?')[0], { ...request, method }, true);
  }
  const via = `${because} → ${page.target}: ${answer.reason}`;
  if (answer.kind === 'special') return special(answer.status, `${via}; the error page's own status ${answer.status} is sent`);
  if (answer.kind === undefined || (page.overwrite === 0 && answer.status === null)) {
    return undecided(`${via}; the status is ${page.overwrite === undefined ? original : page.overwrite || "the target's"} if the target sends content, its own if it fails`);
  }
  if (page.overwrite === 0) return special(answer.status, `${via}; "=" sends the target's status`);
  const status = page.overwrite ?? original;
  return special(status, `${via}; sent with status ${status}`);
}
