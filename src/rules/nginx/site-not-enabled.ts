import { loaderDiagnosticRule } from '../loader-diagnostic-rule';

export const siteNotEnabled = loaderDiagnosticRule({
  id: 'nginx/site-not-enabled',
  severity: 'info',
  description: 'A file in sites-available that no include loads (no link in sites-enabled): linted, but nginx does not use it.',
});
