import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const includeCycle = loaderDiagnosticRule({
  id: 'nginx/include-cycle',
  severity: 'error',
  description: 'Includes form a cycle (a file includes itself, directly or through others).',
});
