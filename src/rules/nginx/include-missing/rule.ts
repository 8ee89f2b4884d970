import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const includeMissing = loaderDiagnosticRule({
  id: 'nginx/include-missing',
  severity: 'error',
  description: 'An include names a file (not a glob) that does not exist; nginx -t fails.',
});
