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
  /** Apache-shaped lines (`CamelCase arguments`) no stock module defines (third-party modules: `MellonPostDirectory`). */
  readonly apacheOther: number;
  /** Everything else that is not a comment, a blank, a closing `}` or a continuation line. */
  readonly other: number;
}

const MAX_LINES = 400;
const FIRST_WORD = /^(<\/?)?([A-Za-z_][A-Za-z0-9_.-]*)(.*)$/;

export function contentEvidence(head: string): ContentEvidence {
  let nginx = 0;
  let nginxOther = 0;
  let apache = 0;
  let apacheOther = 0;
  let other = 0;
  // An nginx statement of a known directive still open: the quote it is inside, or '' between quoted parts.
  let pending: { quote: string } | undefined;
  let apacheContinued = false;
  let blockDepth = 0;
  for (const raw of head.replace(/^\uFEFF/, '').split('\n', MAX_LINES)) {
    const line = raw.trim();
    if (apacheContinued) {
      apacheContinued = line.endsWith('\\');
      continue;
    }
    if (blockDepth > 0) {
      // Inside a block of data (types, map, geo) or of Lua code: neither directives nor prose.
      blockDepth += (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0);
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
      if (state.ended) {
        nginx++;
        if (DATA_BLOCKS.has(name) && line.endsWith('{')) blockDepth = 1;
      }
      // Open over several lines: a quoted value left open, quoted parts to follow (log_format), or
      // plain arguments (valid_referers's list). A `;` inside the line is shell's `if …; then`.
      else if (state.quote !== '' || /["']$/.test(rest) || !rest.includes(';')) pending = { quote: state.quote };
      else other++;
    } else if (/_by_lua_block$/.test(name) && /\{$/.test(line)) {
      nginxOther++;
      blockDepth = 1;
    } else if (state.ended && /^\s/.test(rest)) nginxOther++;
    else if (/^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(name) && /^\s+\S/.test(rest)) {
      apacheOther++;
      apacheContinued = line.endsWith('\\');
    } else other++;
  }
  return { nginx, nginxOther, apache, apacheOther, other };
}

/** nginx blocks whose content is data (MIME types, map/geo pairs, charset tables), not directives. */
const DATA_BLOCKS: ReadonlySet<string> = new Set(['types', 'map', 'geo', 'charset_map', 'split_clients', 'match']);

/** A line of a template language's own (`{% if %}`, `{{ var }}` alone, `<% end %>`): neither server's. */
const TEMPLATE_TAG = /^(\{[%{#]|<%)/;

/**
 * Where an nginx line leaves a statement: inside a quote (which one), and whether it ends with
 * `;`, `{` or `}` outside quotes (`location = /favicon.ico { log_not_found off; }` on one line;
 * a `#` outside quotes starts a comment).
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
    } else if (ch === ';' || ch === '{' || ch === '}') ended = true;
    else if (ch !== ' ' && ch !== '\t' && ch !== '\r') ended = false;
  }
  return { quote, ended: ended && quote === '' };
}

/**
 * A stock Apache directive written with capitals. httpd itself ignores case, and configs vary
 * (`MIMEMagicFile` for httpd's `MimeMagicFile`), but they write `Session`, `Include`,
 * `<Files>`: PAM's `session required …` or XML's `<files>` are not Apache.
 */
function writtenAsApache(name: string): boolean {
  return /[A-Z]/.test(name) && apacheDirectiveSpelling(name) !== undefined;
}

/** A directive of nginx's table (its variable entries, which have no context, are not directives). */
function isStockNginxDirective(name: string): boolean {
  return (directiveSpec(name)?.contexts.length ?? 0) > 0;
}

