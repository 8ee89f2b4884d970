import type { RequestInput } from '../../core/request';
import { cidrContains } from '../../http/ip-ranges';
import { compilePcre } from '../../http/pcre';

/**
 * The outcome of an `<If "expr">` for a request, for the part of httpd's expression language
 * (ap_expr) a request given to `authlint explain` decides: `%{REQUEST_METHOD}`, `%{REQUEST_URI}`,
 * `%{QUERY_STRING}`, `%{HTTP_HOST}`, `%{SERVER_PORT}`, `%{REMOTE_ADDR}`, `%{REQUEST_SCHEME}`,
 * `%{HTTPS}`; `==` `!=` `=~` `!~` `-ipmatch` `-R` `in {…}`; `&&` `||` `!` and parentheses;
 * `true`, `false`. Anything else — a header, a cookie, an environment variable, a function —
 * gives undefined: the outcome depends on what authlint cannot see.
 */
export function evaluateApacheIf(expression: string, request: RequestInput, uri: string): boolean | undefined {
  try {
    const parser = new Parser(tokenize(expression), variables(request, uri));
    const value = parser.expression();
    return parser.done() ? value : undefined;
  } catch {
    return undefined;
  }
}

type Token = { kind: 'op'; text: string } | { kind: 'string'; text: string } | { kind: 'regex'; source: string; caseless: boolean } | { kind: 'word'; text: string };

/** Splits an expression into operators, quoted strings (with %{VAR} kept for later), regexes and words. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const op = /^(&&|\|\||==|!=|=~|!~|-ipmatch\b|-R\b|in\b|[!(){},])/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', text: op[0] });
      i += op[0].length;
      continue;
    }
    const quoted = /^(['"])((?:\\.|(?!\1).)*)\1/.exec(rest);
    if (quoted) {
      tokens.push({ kind: 'string', text: quoted[2].replace(/\\(.)/g, '$1') });
      i += quoted[0].length;
      continue;
    }
    const regex = /^(?:\/((?:\\.|[^/])*)\/|m([^\w\s])((?:\\.|(?!\2).)*)\2)(i?)/.exec(rest);
    if (regex && (rest.startsWith('/') || rest.startsWith('m'))) {
      tokens.push({ kind: 'regex', source: regex[1] ?? regex[3], caseless: regex[4] === 'i' });
      i += regex[0].length;
      continue;
    }
    const word = /^(%\{[^}]*\}|[^\s()!{},=~'"&|]+)/.exec(rest);
    if (!word) throw new Error(`unexpected ${rest[0]}`);
    tokens.push({ kind: 'word', text: word[0] });
    i += word[0].length;
  }
  return tokens;
}

type Lookup = (name: string) => string | undefined;

function variables(request: RequestInput, uri: string): Lookup {
  const known: Record<string, string | undefined> = {
    REQUEST_METHOD: request.method.toUpperCase(),
    REQUEST_URI: uri,
    QUERY_STRING: request.args,
    HTTP_HOST: request.host,
    SERVER_PORT: String(request.port),
    REMOTE_ADDR: request.client,
    REQUEST_SCHEME: request.scheme,
    HTTPS: request.scheme === undefined ? undefined : request.scheme === 'https' ? 'on' : 'off',
  };
  return (name) => known[name.toUpperCase()];
}

/** An undecidable value: an unknown variable makes the comparisons it is in undecidable too. */
const UNKNOWN = Symbol('unknown');
type Value = string | typeof UNKNOWN;

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly lookup: Lookup,
  ) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private take(op?: string): Token {
    const token = this.tokens[this.at];
    if (!token || (op !== undefined && !(token.kind === 'op' && token.text === op))) throw new Error(`expected ${op ?? 'a token'}`);
    this.at++;
    return token;
  }

  private isOp(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'op' && token.text === text;
  }

  /** expression := and ('||' and)* — three-valued: undefined when unknown parts could decide it. */
  expression(): boolean | undefined {
    let value = this.and();
    while (this.isOp('||')) {
      this.take();
      const right = this.and();
      value = value === true || right === true ? true : value === undefined || right === undefined ? undefined : false;
    }
    return value;
  }

  private and(): boolean | undefined {
    let value = this.not();
    while (this.isOp('&&')) {
      this.take();
      const right = this.not();
      value = value === false || right === false ? false : value === undefined || right === undefined ? undefined : true;
    }
    return value;
  }

  private not(): boolean | undefined {
    if (this.isOp('!')) {
      this.take();
      const value = this.not();
      return value === undefined ? undefined : !value;
    }
    return this.primary();
  }

  private primary(): boolean | undefined {
    if (this.isOp('(')) {
      this.take();
      const value = this.expression();
      this.take(')');
      return value;
    }
    if (this.isOp('-R')) {
      this.take();
      const network = this.value();
      const client = this.lookup('REMOTE_ADDR');
      return network === UNKNOWN || client === undefined ? undefined : cidrContains(network, client);
    }
    const first = this.peek();
    if (first?.kind === 'word' && (first.text === 'true' || first.text === 'false')) {
      this.take();
      return first.text === 'true';
    }
    const left = this.value();
    const op = this.take();
    if (op.kind !== 'op') throw new Error('expected an operator');
    if (op.text === '=~' || op.text === '!~') {
      const pattern = this.take();
      if (pattern.kind !== 'regex') throw new Error('expected a regex');
      const compiled = compilePcre(pattern.source, pattern.caseless);
      if (left === UNKNOWN || !compiled) return undefined;
      return compiled.test(left) === (op.text === '=~');
    }
    if (op.text === 'in') {
      this.take('{');
      const items: Value[] = [this.value()];
      while (this.isOp(',')) {
        this.take();
        items.push(this.value());
      }
      this.take('}');
      if (left === UNKNOWN) return undefined;
      if (items.includes(left)) return true;
      return items.includes(UNKNOWN) ? undefined : false;
    }
    const right = this.value();
    if (left === UNKNOWN || right === UNKNOWN) return undefined;
    if (op.text === '==') return left === right;
    if (op.text === '!=') return left !== right;
    if (op.text === '-ipmatch') return cidrContains(right, left);
    throw new Error(`unsupported operator ${op.text}`);
  }

  /** A string, a word or a %{VAR}, with %{VAR} inside strings filled in. */
  private value(): Value {
    const token = this.take();
    if (token.kind !== 'string' && token.kind !== 'word') throw new Error('expected a value');
    if (token.kind === 'word' && !token.text.startsWith('%{') && /^[a-z]+$/i.test(token.text) && this.isOp('(')) throw new Error('functions are not evaluated');
    let unknown = false;
    const text = token.text.replace(/%\{([^}]*)\}/g, (_all, name: string) => {
      const value = this.lookup(name);
      if (value === undefined) unknown = true;
      return value ?? '';
    });
    return unknown ? UNKNOWN : text;
  }
}
