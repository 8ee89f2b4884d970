import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const apacheIncludeMissing = loaderDiagnosticRule({
  id: 'apache/include-missing',
  severity: 'error',
  description: 'Include names a file that does not exist, or a wildcard that matches nothing (IncludeOptional would not fail): httpd -t fails.',
});
