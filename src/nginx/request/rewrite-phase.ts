import * as path from 'node:path';
import type { RequestInput } from '../../core/request';
import { compilePcre } from '../../http/pcre';
import type { Placed } from '../config-tree';
import type { Scope } from '../scopes';
import { content, special, undecided, type Outcome } from './flow';
import { evaluateIf, requestVariables } from './if-condition';

export interface RewriteStep {
  readonly uri: string;
  readonly restart?: boolean;
  readonly response?: Outcome;
  /** `break` (or a rewrite … break): the rest of the rewrite directives are skipped. */
  readonly stop?: boolean;
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

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/**
 * `return`'s response: a code with text (or below 300) is sent as content; a redirect or an
 * error code without text finalizes the request with that status (so error_page applies).
 */
function returnOutcome(args: readonly string[], where: string): Outcome {
  const [first = '', text] = args;
  const reason = `"return ${args.join(' ')}" (${where}) runs in the rewrite phase, before access checks: no password is asked`;
  if (!/^\d{3}$/.test(first)) return /^(https?:\/\/|\$scheme)/.test(first) ? special(302, reason) : special(500, reason);
  const status = Number(first);
  if (REDIRECT_CODES.has(status)) return special(status, reason);
  if (text !== undefined || status < 300) return content(status, reason);
  return special(status, reason);
}

/**
 * ngx_http_rewrite_module's pass over one scope: return, rewrite and `if` blocks in order.
 * An `if` whose condition authlint can evaluate for this request runs (or not); one it cannot
 * (a header, a file test) is noted when it holds a return or rewrite. A regex that cannot be
 * evaluated makes the answer undecided.
 */
export function rewritePhase(scope: Scope, startUri: string, rewrites: string[], notes: string[], request: RequestInput): RewriteStep {
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
      rewrites.push(`return ${args.map((a) => a.raw).join(' ')} (${where}) answers before any access check`);
      return { uri, response: returnOutcome(args.map((a) => a.value), where) };
    }
    if (name !== 'rewrite' || args.length < 2) continue;
    const regex = compilePcre(args[0].value, false);
    if (!regex) {
      return { uri, response: undecided(`rewrite ${args[0].raw} (${where}) uses PCRE syntax authlint cannot evaluate: whether it applies is unknown`) };
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
      const value = match.named[braced ?? bare ?? ''] ?? lookup(braced ?? bare ?? '');
      if (value === undefined) unknownVariable = true;
      return value ?? '';
    });
    if (unknownVariable) notes.push(`rewrite ${args[0].raw} ${args[1].raw} (${where}) uses a variable authlint cannot know for this request`);
    if (flag === 'redirect' || flag === 'permanent' || /^(https?:\/\/|\$scheme)/.test(replacement)) {
      const status = flag === 'permanent' ? 301 : 302;
      rewrites.push(`rewrite ${args[0].raw} (${where}) redirects with ${status}`);
      return { uri, response: special(status, `"rewrite … ${flag ?? ''}" (${where}) redirects (${status}) before access checks`) };
    }
    rewrites.push(`rewrite ${args[0].raw} ${args[1].raw}${flag ? ' ' + flag : ''} (${where}): ${uri} → ${target.split('?')[0]}`);
    uri = target.split('?')[0];
    changed = true;
    if (flag === 'break') return { uri, stop: true };
    if (flag === 'last') return { uri, restart: true };
  }
  return { uri, restart: changed && scope.kind === 'location' };
}
