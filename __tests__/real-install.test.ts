import * as fs from 'node:fs';
import { lint } from '../src/lint';
import { explainApache } from '../src/commands/explain-apache';
import { PathResolver } from '../src/fs/rooted-paths';
import { requireServerOrSkip } from './helpers/real-nginx';

/**
 * authlint on the configuration Debian's packages install (CI installs nginx and apache2):
 * a stock install has no auth mistakes, so nothing at warning level or above may be reported.
 */
const apache = fs.existsSync('/etc/apache2/apache2.conf') ? '/etc/apache2' : undefined;
const nginx = fs.existsSync('/etc/nginx/nginx.conf') ? '/etc/nginx' : undefined;

(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('authlint /etc/apache2 on a real Debian install', () => {
  test('reads the whole tree (envvars, mods-enabled, conf-enabled, sites-enabled) and finds no problem', () => {
    const result = lint(['/etc/apache2']);
    expect(result.files.length).toBeGreaterThan(50);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('explain: the default site answers without a password', () => {
    const result = explainApache({ mainConfig: '/etc/apache2/apache2.conf', url: 'http://localhost/', method: 'GET', resolver: new PathResolver(), platform: { platform: 'libxcrypt', source: 'test' } });
    if ('error' in result) throw new Error(result.error);
    expect(result.explanation.vhost?.section?.args).toEqual(['*:80']);
    expect(result.explanation.predicted.anonymous.status).toBe(fs.existsSync('/var/www/html/index.html') ? 200 : 403);
  });
});

(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('authlint /etc/nginx on a real Debian install', () => {
  test('finds no problem in the stock configuration', () => {
    const result = lint(['/etc/nginx']);
    expect(result.files.length).toBeGreaterThan(5);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
