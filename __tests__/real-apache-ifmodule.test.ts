import * as path from 'node:path';
import { explainApache } from '../src/commands/explain-apache';
import { PathResolver } from '../src/fs/rooted-paths';
import { lint } from '../src/lint';
import { baseApacheConfig, findApache, RealApache } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';
import { makeTree, removeTree } from './helpers/tree';

/**
 * `<IfModule mod_version.c>` is true on Debian without any LoadModule: mod_version is compiled
 * in. authlint must not call the auth inside it skipped, and explain must predict the password.
 */
const apache = findApache();
const { config: BASE, passwords: PASSWORDS } = baseApacheConfig();
const CONFIG = BASE.replace(/(<Directory \/var\/www\/html\/admin>\n)([\s\S]*?)(<\/Directory>)/, '$1<IfModule mod_version.c>\n$2</IfModule>\n$3');

(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('<IfModule> of a module Debian compiles in', () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({ 'etc/apache2/apache2.conf': CONFIG, 'etc/apache2/htpasswd': PASSWORDS, 'var/www/html/admin/index.html': 'admin\n', 'var/www/html/index.html': 'home\n' });
  });
  afterAll(() => removeTree(root));

  test('authlint: the auth inside is in effect', () => {
    expect(CONFIG).toContain('<IfModule mod_version.c>');
    expect(lint([path.join(root, 'etc/apache2')], { root }).findings.map((f) => f.ruleId)).not.toContain('apache/auth-wrapped-in-ifmodule');
    const result = explainApache({ mainConfig: path.join(root, 'etc/apache2/apache2.conf'), url: 'http://localhost:8080/admin/', method: 'GET', client: '127.0.0.1', resolver: new PathResolver(root), platform: { platform: 'libxcrypt', source: 'test' } });
    if ('error' in result) throw new Error(result.error);
    expect(result.explanation.predicted.anonymous.status).toBe(401);
  });

  test('real Apache asks for the password', async () => {
    const server = await RealApache.prepare(apache as string, root);
    try {
      await server.start();
      expect((await server.request('/admin/', {})).status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});
