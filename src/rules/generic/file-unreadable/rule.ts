import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const fileUnreadable = loaderDiagnosticRule({
  id: 'generic/file-unreadable',
  severity: 'error',
  description: 'A configuration file that the server would load cannot be read.',
});
