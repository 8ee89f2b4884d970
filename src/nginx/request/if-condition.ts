import type { NginxWord } from '../../parsers/nginx/ast';
import type { RequestInput } from '../../core/request';
import { compilePcre } from '../../http/pcre';

/** The value of an nginx variable for this request, or undefined when authlint cannot know it. */
export type VariableLookup = (name: string) => string | undefined;

/**
 * The outcome of an `if (…)` condition as ngx_http_rewrite_module evaluates it: a variable alone
 * (true unless empty or "0"), `=` / `!=` a string, `~` `~*` `!~` `!~*` a regex. File tests
 * (-f, -d, -e, -x) and variables authlint cannot know (headers, cookies…) give undefined: the
 * outcome then depends on the request or the disk at run time.
 */
export function evaluateIf(args: readonly NginxWord[], lookup: VariableLookup): boolean | undefined {
  const words = unwrap(args.map((a) => a.value));
  if (words.length === 0) return undefined;
  if (/^!?-[fdex]$/.test(words[0])) return undefined;
  const value = substitute(words[0], lookup);
  if (value === undefined) return undefined;
  if (words.length === 1) return value !== '' && value !== '0';
  const [, operator, operand = ''] = words;
  if (operator === '=' || operator === '!=') {
    const other = substitute(operand, lookup);
    if (other === undefined) return undefined;
    return (value === other) === (operator === '=');
  }
  const regexOperators: Record<string, { negate: boolean; caseless: boolean }> = { '~': { negate: false, caseless: false }, '~*': { negate: false, caseless: true }, '!~': { negate: true, caseless: false }, '!~*': { negate: true, caseless: true } };
  const regex = regexOperators[operator];
  if (!regex) return undefined;
  const compiled = compilePcre(operand, regex.caseless);
  if (!compiled) return undefined;
  return compiled.test(value) !== regex.negate;
}

/** `(` and `)` may be words of their own or glued to the first and last word. */
function unwrap(words: string[]): string[] {
  const out = [...words];
  if (out[0]?.startsWith('(')) out[0] = out[0].slice(1);
  const last = out.length - 1;
  if (out[last]?.endsWith(')')) out[last] = out[last].slice(0, -1);
  return out.filter((w, i) => w !== '' || (i > 0 && i < out.length - 1));
}

/** A word with its $variables replaced; undefined when one of them is unknown. */
function substitute(word: string, lookup: VariableLookup): string | undefined {
  let unknown = false;
  const out = word.replace(/\$(?:\{(\w+)\}|(\w+))/g, (_all, braced: string | undefined, bare: string | undefined) => {
    const value = lookup(braced ?? bare ?? '');
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : out;
}

/** The variables a request given to `authlint explain` determines. */
export function requestVariables(request: RequestInput, currentUri: () => string): VariableLookup {
  const query = request.args ?? (request.uri.includes('?') ? request.uri.slice(request.uri.indexOf('?') + 1) : '');
  const args = new Map(query.split('&').filter(Boolean).map((pair) => [pair.split('=')[0], pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : ''] as [string, string]));
  return (name) => {
    switch (name) {
      case 'request_method':
        return request.method.toUpperCase();
      case 'uri':
      case 'document_uri':
        return currentUri();
      case 'request_uri':
        return request.args === undefined ? request.uri : `${request.uri}${query ? `?${query}` : ''}`;
      case 'scheme':
        return request.scheme;
      case 'https':
        return request.scheme === undefined ? undefined : request.scheme === 'https' ? 'on' : '';
      case 'args':
      case 'query_string':
        return query;
      case 'is_args':
        return query ? '?' : '';
      case 'host':
        return request.host.toLowerCase();
      case 'http_host':
        return request.host;
      case 'server_port':
        return String(request.port);
      case 'remote_addr':
        return request.client;
      default:
        return name.startsWith('arg_') ? (args.get(name.slice(4)) ?? '') : undefined;
    }
  };
}
