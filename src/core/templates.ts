import { LineIndex } from './position';

/**
 * Placeholders of templates and build trees (Jinja/Liquid `{{ }}`/`{% %}`, ERB `<% %>`,
 * autoconf `@sysconfdir@`, httpd's own `@@ServerRoot@@`, `PH_…`): a value holding one is not a
 * path yet, so no rule may call it missing or relative — it is filled in at deploy time.
 */
const PLACEHOLDER = /@@?[A-Za-z_][A-Za-z0-9_]*@@?|\{\{[^}]*\}\}|\{%[^%]*%\}|<%[^%]*%>|\bPH_[A-Z0-9_]+\b/;

export function hasTemplatePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/**
 * A template language's own tags: statements (`{% if %}`, `{%- for -%}`), comments (`{# #}`),
 * ERB code (`<% %>`) and output expressions (`{{ var }}`, `<%= var %>`), possibly over lines.
 */
const TAG = /\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|<%(?!=)[\s\S]*?%>|\{\{[\s\S]*?\}\}|<%=[\s\S]*?%>/g;
/** Statement tags that only a template has: a config never holds `{% … %}` or `<% … %>`. */
const STATEMENT_TAG = /\{%-?\s*(if|elif|else|endif|for|endfor|set|include|import|macro|endmacro|block|endblock|raw|endraw|unless|endunless|case|when|endcase|assign|capture|endcapture|comment|endcomment|extends|with|endwith)\b[^%]*-?%\}|<%[-=]?\s*(if|else|elsif|end|unless|@|[a-z_]+\.each)\b[^%]*%>/;
export const TEMPLATE_EXTENSION = /\.(j2|jinja2?|tmpl|tpl|erb|liquid|mustache|hbs|template)$/i;

/**
 * The template language a config is written in, when it is one (an Ansible role's `.j2`, a Helm
 * chart, nginx-proxy-manager's Liquid): statement tags, or output expressions in a file named as
 * a template. Undefined for a plain config, `${VAR}` (envsubst and nginx's own variables) included.
 */
export function templateLanguage(text: string, fileName: string): string | undefined {
  const statement = STATEMENT_TAG.exec(text);
  if (statement) return statement[0].startsWith('<%') ? 'ERB' : 'Jinja/Liquid';
  if (TEMPLATE_EXTENSION.test(fileName) && /\{\{[^}\n]*\}\}/.test(text)) return 'Jinja/Liquid/Mustache';
  if (TEMPLATE_EXTENSION.test(fileName) && /<%=[^%\n]*%>/.test(text)) return 'ERB';
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
  for (const match of text.matchAll(TAG)) {
    const tag = match[0];
    const offset = match.index ?? 0;
    const between = text.slice(last, offset);
    out += skipping() ? blank(between) : between;
    const kind = tagKind(tag);
    if (kind === 'open') frames.push({ skipping: false, whens: 0 });
    else if (kind === 'branch' && frames.length > 0) {
      const frame = frames[frames.length - 1];
      // A case's first `when` is its first branch; any other branch keyword starts a later one.
      frame.skipping = /\bwhen\b/.test(tag) ? ++frame.whens > 1 : true;
    } else if (kind === 'end') frames.pop();
    out += skipping() || kind !== 'output' ? blank(tag) : outputPlaceholder(text, tag, offset);
    last = offset + tag.length;
  }
  const rest = text.slice(last);
  return out + (skipping() ? blank(rest) : rest);
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
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset + tag.length);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset + tag.length, lineEnd < 0 ? text.length : lineEnd);
  if (before.trim() === '' && after.trim() === '') return blank(tag);
  return tag.length >= 5 ? `@@${'x'.repeat(tag.length - 4)}@@` : blank(tag);
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
