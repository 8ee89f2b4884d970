import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explainApache } from '../src/commands/explain-apache';
import { PathResolver } from '../src/fs/rooted-paths';
import { fixturePath } from './helpers/fixtures';
import { findApache, RealApache } from './helpers/real-apache';
import { requireServerOrSkip } from './helpers/real-nginx';

/** AuthzSendForbiddenOnFailure On: a user who logs in but fails Require gets 403, not 401 — explain and a real Apache agree. */

const apache = findApache();
const ALICE = { user: 'alice', password: 's3cret-pass' };

(requireServerOrSkip(apache, 'apache2') ? describe : describe.skip)('AuthzSendForbiddenOnFailure', () => {
  test.each([
    ['On', 403],
    ['Off', 401],
  ] as const)('%s: a refused login gets %i', async (setting, status) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-authz403-'));
    try {
      fs.cpSync(fixturePath('apache/require-user-mismatch/bad'), root, { recursive: true });
      const conf = path.join(root, 'etc/apache2/apache2.conf');
      fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(/(<Directory \/var\/www\/html\/admin>\n)/, `$1    AuthzSendForbiddenOnFailure ${setting}\n`));
      const server = await RealApache.prepare(apache as string, root);
      try {
        await server.start();
        expect((await server.request('/admin/', ALICE)).status).toBe(status);
        const explained = explainApache({ mainConfig: path.join(server.dir, 'etc/apache2/apache2.conf'), url: `http://localhost:${server.port}/admin/`, method: 'GET', credentials: ALICE, resolver: new PathResolver(), platform: { platform: 'libxcrypt', source: 'test' } });
        if ('error' in explained) throw new Error(explained.error);
        expect(explained.explanation.predicted.credentials?.status).toBe(status);
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
