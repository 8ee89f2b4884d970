import { LineIndex } from './position';

/**
 * Placeholders of templates and build trees (Jinja/Liquid `{{ }}`/`{% %}`, ERB `<% %>`,
 * autoconf `@sysconfdir@`, httpd's own `@@ServerRoot@@`, `PH_…`): a value holding one is not a
 * path yet, so no rule may call it missing or relative — it is filled in at deploy time.
 */
const PLACEHOLDER = /@@?[A-Za-z_][A-Za-z0-9_]*@@?|\{\{[^}]{0,300}\}\}|\{%[^%]{0,300}%\}|<%[^%]{0,300}%>|\bPH_[A-Z0-9_]+\b/;

export function hasTemplatePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/**
 * Statement tags that only a template has: a config never holds `{% … %}` or `<% … %>`. Bounded
 * (a tag on one line, at most 300 characters) so that a hostile file of unclosed `{% if` costs
 * linear time.
 */
const STATEMENT_TAG = /\{%-?\s*(if|elif|else|endif|for|endfor|set|include|import|macro|endmacro|block|endblock|raw|endraw|unless|endunless|case|when|endcase|assign|capture|endcapture|comment|endcomment|extends|with|endwith)\b[^%\n]{0,300}-?%\}|<%[-=]?\s*(if|else|elsif|end|unless|@|[a-z_]+\.each)\b[^%\n]{0,300}%>/;
export const TEMPLATE_EXTENSION = /\.(j2|jinja2?|tmpl|tpl|erb|liquid|mustache|hbs|template)$/i;

/**
 * The template language a config is written in, when it is one (an Ansible role's `.j2`, a Helm
 * chart, nginx-proxy-manager's Liquid): statement tags, or output expressions in a file named as
 * a template. Undefined for a plain config, `${VAR}` (envsubst and nginx's own variables) included.
 */
export function templateLanguage(text: string, fileName: string): string | undefined {
  const statement = STATEMENT_TAG.exec(text);
  if (statement) return statement[0].startsWith('<%') ? 'ERB' : 'Jinja/Liquid';
  if (TEMPLATE_EXTENSION.test(fileName) && /\{\{[^}\n]{0,300}\}\}/.test(text)) return 'Jinja/Liquid/Mustache';
  if (TEMPLATE_EXTENSION.test(fileName) && /<%=[^%\n]{0,300}%>/.test(text)) return 'ERB';
  return undefined;
}

/**
 * The config around a template's tags, position for position: statement and comment tags, and
 * expressions that are a whole line (`{{ client | nginxAccessRule }}` renders directives), become
 * blanks; an expression inside a value becomes a placeholder of the same length (`@@xxxx@@`), so
 * no rule calls the value a missing file. Of each condition only the first branch stays: the
 * `else`/`elif` branches usually set the same directives (`satisfy any;` / `satisfy all;`), and
 * two branches read together would be a config no rendering produces.
 */
export function neutralizeTemplate(text: string): string {
  const frames: { skipping: boolean; whens: number }[] = [];
  const skipping = (): boolean => frames.some((frame) => frame.skipping);
  let out = '';
  let last = 0;
  for (const tag of templateTags(text)) {
    const between = text.slice(last, tag.start);
    out += skipping() ? blank(between) : between;
    const body = text.slice(tag.start, tag.end);
    const kind = tagKind(body);
    if (kind === 'open') frames.push({ skipping: false, whens: 0 });
    else if (kind === 'branch' && frames.length > 0) {
      const frame = frames[frames.length - 1];
      // A case's first `when` is its first branch; any other branch keyword starts a later one.
      frame.skipping = /\bwhen\b/.test(body) ? ++frame.whens > 1 : true;
    } else if (kind === 'end') frames.pop();
    out += skipping() || kind !== 'output' ? blank(body) : outputPlaceholder(text, body, tag.start);
    last = tag.end;
  }
  const rest = text.slice(last);
  return out + (skipping() ? blank(rest) : rest);
}

/** A template's own delimiters: statements, comments, ERB code and output, and expressions. */
const DELIMITERS: readonly (readonly [string, string])[] = [
  ['{%', '%}'],
  ['{#', '#}'],
  ['{{', '}}'],
  ['<%', '%>'],
];

/**
 * The tags of a template, in order, in one pass: each opener's closer is looked for once, and an
 * opener whose closer appears nowhere after it is never looked for again (a hostile file of
 * unclosed `{{` costs linear time, not quadratic).
 */
function* templateTags(text: string): Generator<{ start: number; end: number }> {
  const next = DELIMITERS.map(([open]) => text.indexOf(open));
  let from = 0;
  for (;;) {
    let which = -1;
    for (let i = 0; i < DELIMITERS.length; i++) {
      if (next[i] >= 0 && next[i] < from) next[i] = text.indexOf(DELIMITERS[i][0], from);
      if (next[i] >= 0 && (which < 0 || next[i] < next[which])) which = i;
    }
    if (which < 0) return;
    const start = next[which];
    const close = text.indexOf(DELIMITERS[which][1], start + 2);
    if (close < 0) {
      next[which] = -1; // no closer after this opener, so none after any later one either
      continue;
    }
    const end = close + DELIMITERS[which][1].length;
    yield { start, end };
    from = end;
  }
}

function tagKind(tag: string): 'open' | 'branch' | 'end' | 'output' | 'other' {
  if (tag.startsWith('{{') || tag.startsWith('<%=')) return 'output';
  const body = tag.replace(/^(\{%-?|<%-?)\s*/, '');
  if (/^(if|unless|for|case)\b/.test(body) || (tag.startsWith('<%') && /\bdo\s*(\|[^|]*\|)?\s*-?%>$/.test(tag))) return 'open';
  if (/^(elif|elsif|else|when)\b/.test(body)) return 'branch';
  if (/^(endif|endunless|endfor|endcase|end)\b/.test(body)) return 'end';
  return 'other';
}

/** A whole-line expression renders directives: blank. One inside a value: a placeholder of its length. */
function outputPlaceholder(text: string, tag: string, offset: number): string {
  if (aloneOnLine(text, offset, offset + tag.length)) return blank(tag);
  return tag.length >= 5 ? `@@${'x'.repeat(tag.length - 4)}@@` : blank(tag);
}

/** Only blanks between the line's start and `start`, and between `end` and the line's end (looked at as far as the blanks go). */
function aloneOnLine(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && text[i] !== '\n') return false;
  let j = end;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
  return j >= text.length || text[j] === '\n';
}

/** Spaces for every character but line breaks, so lines and columns stay where they were. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/**
 * Parse a config file, a template around its tags (an Ansible role's .j2, nginx-proxy-manager's
 * Liquid): `template` names its language, for the one finding that says so. Excerpts still show
 * the lines as written, since the neutralized text keeps every position.
 */
export function parseConfigText<P extends { readonly lines: LineIndex }>(text: string, fileName: string, parse: (text: string) => P): { parse: P; template?: string } {
  const template = templateLanguage(text, fileName);
  if (!template) return { parse: parse(text) };
  return { parse: { ...parse(neutralizeTemplate(text)), lines: new LineIndex(text) }, template };
}

/** Where the one finding on a template points: the start of the file. */
export const TEMPLATE_FINDING_RANGE = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** What the one finding on a template says. */
export function templateMessage(language: string): string {
  return `this file is ${/^[AEIOU]/.test(language) ? 'an' : 'a'} ${language} template, not a config nginx or httpd reads as it is: its template tags were skipped, the first branch of each condition linted, and placeholders taken as values filled in when it is rendered; lint the rendered files for the full check`;
}
