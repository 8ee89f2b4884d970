import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const templateFile = loaderDiagnosticRule({
  id: 'generic/template-file',
  severity: 'info',
  description: 'A config written in a template language (Jinja, Liquid, ERB): linted around its tags, said once per file.',
});
