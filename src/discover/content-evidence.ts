import { apacheDirectiveSpelling } from '../parsers/apache/directive-modules';
import { directiveSpec } from '../parsers/nginx/directive-table';

/**
 * What a file's first lines say about its kind, counted against the servers' own directive
 * tables (every directive nginx's stock modules define; every directive and section httpd and
 * the modules it ships define). The quick line shapes in classify.ts know only the common
 * directives; this is the second look for files they leave undecided — a `security.conf` of
 * `ServerTokens`/`TraceEnable`, a module's one-line `.conf`, an nginx statement spread over
 * several lines — without taking a shell script or an INI file for a config.
 */
export interface ContentEvidence {
  /** Statements naming a stock nginx directive, ended by `;` or `{` (on this or a later line). */
  readonly nginx: number;
  /** nginx-shaped statements with a name no stock module defines (third-party modules: naxsi's `MainRule`). */
  readonly nginxOther: number;
  /** Lines naming a stock Apache directive or section as httpd spells it (no `;`/`{` at the end). */
  readonly apache: number;
  /** Everything else that is not a comment, a blank, a closing `}` or a continuation line. */
  readonly other: number;
}

const MAX_LINES = 400;
const FIRST_WORD = /^(<\/?)?([A-Za-z_][A-Za-z0-9_.-]*)(.*)$/;

export function contentEvidence(head: string): ContentEvidence {
  let nginx = 0;
  let nginxOther = 0;
  let apache = 0;
  let other = 0;
  // An nginx statement of a known directive still open: the quote it is inside, or '' between quoted parts.
  let pending: { quote: string } | undefined;
  let apacheContinued = false;
  for (const raw of head.replace(/^\uFEFF/, '').split('\n', MAX_LINES)) {
    const line = raw.trim();
    if (apacheContinued) {
      apacheContinued = line.endsWith('\\');
      continue;
    }
    if (pending) {
      // The rest of a statement spread over lines (a long add_header value, log_format's parts).
      const state = scanNginx(line, pending.quote);
      if (state.ended) {
        nginx++;
        pending = undefined;
      } else pending = { quote: state.quote };
      continue;
    }
    if (line === '' || line.startsWith('#') || /^}\s*;?$/.test(line) || TEMPLATE_TAG.test(line)) continue;
    const match = FIRST_WORD.exec(line);
    if (!match) {
      other++;
      continue;
    }
    const [, bracket, name, rest] = match;
    if (bracket) {
      if (writtenAsApache(`<${name}`) && /^(\s|>|$)/.test(rest)) apache++;
      else other++;
      continue;
    }
    const state = scanNginx(rest, '');
    if (!state.ended && writtenAsApache(name) && /^(\s|$)/.test(rest)) {
      apache++;
      apacheContinued = line.endsWith('\\');
    } else if (isStockNginxDirective(name) && /^(\s|;|\{|$)/.test(rest)) {
      if (state.ended) nginx++;
      else if (state.quote !== '' || /["']$/.test(rest)) pending = { quote: state.quote };
      else other++;
    } else if (state.ended && /^\s/.test(rest)) nginxOther++;
    else other++;
  }
  return { nginx, nginxOther, apache, other };
}

/** A line of a template language's own (`{% if %}`, `{{ var }}` alone, `<% end %>`): neither server's. */
const TEMPLATE_TAG = /^(\{[%{#]|<%)/;

/**
 * Where an nginx line leaves a statement: inside a quote (which one), and whether it ends with
 * `;` or `{` outside quotes (a `#` outside quotes starts a comment).
 */
function scanNginx(text: string, openQuote: string): { quote: string; ended: boolean } {
  let quote = openQuote;
  let ended = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== '') {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      ended = false;
    } else if (ch === '#') break;
    else if (ch === '"' || ch === "'") {
      quote = ch;
      ended = false;
    } else if (ch === ';' || ch === '{') ended = true;
    else if (ch !== ' ' && ch !== '\t' && ch !== '\r') ended = false;
  }
  return { quote, ended: ended && quote === '' };
}

/**
 * A stock Apache directive spelled as httpd spells it. httpd itself ignores case, but configs
 * write `Session`, `Include`, `<Files>`; PAM's `session required …` or XML's `<files>` do not.
 */
function writtenAsApache(name: string): boolean {
  return apacheDirectiveSpelling(name) === name;
}

/** A directive of nginx's table (its variable entries, which have no context, are not directives). */
function isStockNginxDirective(name: string): boolean {
  return (directiveSpec(name)?.contexts.length ?? 0) > 0;
}

