import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const apacheIncludeCycle = loaderDiagnosticRule({
  id: 'apache/include-cycle',
  severity: 'error',
  description: 'Includes that include themselves: httpd -t fails.',
});
