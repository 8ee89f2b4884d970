import { loaderDiagnosticRule } from '../../loader-diagnostic-rule';

export const siteNotEnabled = loaderDiagnosticRule({
  id: 'nginx/site-not-enabled',
  severity: 'info',
  description: 'A config file that no include loads (a sites-available file with no link in sites-enabled, a snippet with auth settings nothing includes): nginx does not use it.',
});
