import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PathResolver } from '../src/fs/rooted-paths';
import { loadApache } from '../src/apache/load-all';
import { requireEquivalent } from '../src/rules/apache/mixed-access-compat-and-require/rule';
import { baseApacheConfig, findApache, RealApache, writeBaseApacheTree } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';

/**
 * apache/mixed-access-compat-and-require's fix rewrites Order/Allow/Deny/Satisfy + Require into
 * Require syntax. Each variant is served twice by a real apache2 — as written (with
 * mod_access_compat) and with the printed replacement — and must answer the same to a client
 * without credentials and to alice: the fix never opens (or closes) what the configuration does.
 */
const apache = findApache();
const run = requireServerOrSkip(apache, 'apache2') ? describe : describe.skip;

const VARIANTS: string[][] = [
  ['Order deny,allow', 'Deny from all'],
  ['Order deny,allow', 'Deny from all', 'Allow from 127.0.0.1'],
  ['Order deny,allow', 'Deny from all', 'Allow from 192.0.2.1'],
  ['Order allow,deny', 'Allow from all'],
  ['Order allow,deny', 'Allow from 127.0.0.1'],
  ['Order allow,deny', 'Allow from 192.0.2.1'],
  ['Order allow,deny'],
  ['Order allow,deny', 'Allow from all', 'Deny from 127.0.0.1'],
  ['Order deny,allow', 'Deny from 127.0.0.1'],
  ['Order deny,allow', 'Deny from all', 'Allow from 127.0.0.1', 'Satisfy Any'],
  ['Order deny,allow', 'Deny from all', 'Allow from 192.0.2.1', 'Satisfy Any'],
  ['Order allow,deny', 'Allow from 127.0.0.1', 'Satisfy Any'],
];

function config(access: string[]): string {
  const { config: base } = baseApacheConfig();
  const withCompat = base.replace('LoadModule dir_module', 'LoadModule access_compat_module /usr/lib/apache2/modules/mod_access_compat.so\nLoadModule dir_module');
  return withCompat.replace(/<Directory \/var\/www\/html\/admin>[\s\S]*?<\/Directory>/, `<Directory /var/www/html/admin>\n    AuthType Basic\n    AuthName "Admin area"\n    AuthUserFile /etc/apache2/htpasswd\n${access.map((l) => `    ${l}`).join('\n')}\n</Directory>`);
}

async function answers(text: string): Promise<number[]> {
  const root = writeBaseApacheTree(text, 'authlint-compat-');
  try {
    const server = await RealApache.prepare(apache as string, root);
    try {
      const loaded = server.test();
      if (!loaded.ok) throw new Error(loaded.output);
      await server.start();
      return [(await server.request('/admin/')).status, (await server.request('/admin/', { user: 'alice', password: 's3cret-pass' })).status];
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The printed replacement for a variant, from the rule's own translation of the parsed section. */
function replacement(access: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-compat-parse-'));
  try {
    fs.mkdirSync(path.join(root, 'etc/apache2'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/apache2/apache2.conf'), config([...access, 'Require valid-user']));
    const resolver = new PathResolver(root);
    const [model] = loadApache([{ diskPath: path.join(root, 'etc/apache2/apache2.conf'), kind: 'apache', explicit: true }], resolver).models;
    const scope = model.scopes().find((s) => s.path === '/var/www/html/admin')!;
    const compat = scope.directives.filter((d) => /^(order|allow|deny|satisfy)$/i.test(d.directive.name));
    const satisfyAny = compat.some((d) => /^satisfy$/i.test(d.directive.name) && d.args[0]?.toLowerCase() === 'any');
    return requireEquivalent(compat, scope.directives.filter((d) => /^require$/i.test(d.directive.name)), satisfyAny);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

run('the access_compat fix keeps access exactly as it is', () => {
  test.each(VARIANTS.map((v) => [v.join('; '), v] as const))('%s', async (_name, access) => {
    const before = await answers(config([...access, 'Require valid-user']));
    const fixed = replacement(access).split('\n').filter((l) => !l.startsWith('#'));
    const after = await answers(config(fixed));
    expect({ access, fixed, after }).toEqual({ access, fixed, after: before });
  }, 30_000);
});
