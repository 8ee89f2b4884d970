/**
 * Placeholders of templates and build trees (Jinja/Liquid `{{ }}`/`{% %}`, ERB `<% %>`,
 * autoconf `@sysconfdir@`, httpd's own `@@ServerRoot@@`, `PH_…`): a value holding one is not a
 * path yet, so no rule may call it missing or relative — it is filled in at deploy time.
 */
const PLACEHOLDER = /@@?[A-Za-z_][A-Za-z0-9_]*@@?|\{\{[^}]*\}\}|\{%[^%]*%\}|<%[^%]*%>|\bPH_[A-Z0-9_]+\b/;

export function hasTemplatePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}
