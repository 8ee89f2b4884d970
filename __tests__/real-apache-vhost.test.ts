import * as path from 'node:path';
import { explainApache } from '../src/commands/explain-apache';
import { PathResolver } from '../src/fs/rooted-paths';
import { lint } from '../src/lint';
import { baseApacheConfig, findApache, RealApache } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';
import { htpasswdHash } from './helpers/tools';
import { makeTree, removeTree } from './helpers/tree';

/**
 * Debian's usual site: AllowOverride is set in the <Directory> of the site's <VirtualHost>,
 * while the server config says None. The .htaccess is read for the vhost's requests — authlint
 * once called it ignored (a false positive found here) — and explain must see the vhost's
 * sections. Checked against a real Apache.
 */
const apache = findApache();
const SERVER = baseApacheConfig()
  .config.replace(/<Directory \/var\/www\/html\/admin>[\s\S]*?<\/Directory>\n/, '')
  .concat('IncludeOptional sites-enabled/*.conf\n');
const SITE = `<VirtualHost *:8080>
    ServerName site.test
    DocumentRoot /var/www/site
    <Directory /var/www/site>
        AllowOverride AuthConfig
        Require all granted
    </Directory>
</VirtualHost>
`;
const HTACCESS = 'AuthType Basic\nAuthName "Site admin"\nAuthUserFile /etc/apache2/htpasswd\nRequire valid-user\n';

(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('a .htaccess allowed by the vhost’s own <Directory>', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      'etc/apache2/apache2.conf': SERVER,
      'etc/apache2/sites-enabled/site.conf': SITE,
      'etc/apache2/htpasswd': `alice:${htpasswdHash(['-B', '-C', '10'], 's3cret-pass')}\n`,
      'var/www/site/admin/.htaccess': HTACCESS,
      'var/www/site/admin/index.html': 'site admin\n',
      'var/www/html/index.html': 'home\n',
    });
  });
  afterAll(() => removeTree(root));

  test('authlint reports no ignored .htaccess, and explain predicts the password', () => {
    const rules = lint([path.join(root, 'etc/apache2')], { root }).findings.map((f) => f.ruleId);
    expect(rules).not.toContain('apache/htaccess-ignored-allowoverride-none');
    const result = explainApache({ mainConfig: path.join(root, 'etc/apache2/apache2.conf'), url: 'http://site.test:8080/admin/', method: 'GET', client: '127.0.0.1', resolver: new PathResolver(root), platform: { platform: 'libxcrypt', source: 'test' } });
    if ('error' in result) throw new Error(result.error);
    expect(result.explanation.predicted.anonymous.status).toBe(401);
  });

  test('real Apache reads the .htaccess for the vhost: 401, then 200 for alice', async () => {
    const server = await RealApache.prepare(apache as string, root);
    try {
      await server.start();
      expect((await server.request('/admin/', { host: 'site.test' })).status).toBe(401);
      expect((await server.request('/admin/', { host: 'site.test', user: 'alice', password: 's3cret-pass' })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
