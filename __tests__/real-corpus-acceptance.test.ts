import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { adaptUsers, completeNginxConfigs, corpusTree, createLogDirs, hostHas } from './helpers/corpus-trees';
import { FIXTURES } from './helpers/fixtures';
import { LOAD_ERRORS } from './helpers/load-errors';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * Parser acceptance on the corpus: for every complete nginx configuration in
 * ../shared/corpus/nginx, authlint reports a load error exactly when `nginx -t` rejects it.
 * fixtures/parser/corpus-acceptance.json records each config's outcome and nginx's first error;
 * the configs this machine's nginx cannot judge (a module it lacks) are recorded there with the
 * reason, and that reason is checked too. Set AUTHLINT_RECORD=<file> to write what was observed
 * there, for a review of a changed outcome.
 */
interface Observed {
  readonly nginx: 'accepts' | 'rejects';
  /** nginx's first [emerg], with the temp prefix taken out. */
  readonly nginxSays?: string;
  /** The load-error rules authlint reports, sorted. */
  readonly authlint: string[];
}

interface Recorded extends Observed {
  /** Why this machine's nginx cannot judge the config; absent when the verdicts must agree. */
  readonly untestable?: string;
}

const RECORD_FILE = path.join(FIXTURES, 'parser/corpus-acceptance.json');
const record: { configs: Record<string, Recorded> } = JSON.parse(fs.readFileSync(RECORD_FILE, 'utf8'));

async function observe(nginx: string, relative: string): Promise<Observed> {
  const tree = corpusTree(relative);
  try {
    const server = await RealNginx.prepare(nginx, tree.root, tree.config);
    let result: { ok: boolean; output: string };
    try {
      adaptUsers(server.dir, hostHas);
      createLogDirs(server.dir);
      result = server.test();
    } finally {
      await server.stop();
    }
    const emerg = /\[emerg\] \d+#\d+: (.*)/.exec(result.output)?.[1].split(server.dir).join('');
    const authlint = [...new Set(lint([path.join(tree.root, tree.config)], { root: tree.root }).findings.filter((f) => f.severity === 'error' && LOAD_ERRORS.has(f.ruleId)).map((f) => f.ruleId))].sort();
    return { nginx: result.ok ? 'accepts' : 'rejects', ...(emerg && !result.ok ? { nginxSays: emerg } : {}), authlint };
  } finally {
    tree.cleanup();
  }
}

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describe : describe.skip)('nginx -t and authlint agree on which corpus configs load', () => {
  const configs = completeNginxConfigs();
  const observed: Record<string, Observed> = {};

  afterAll(() => {
    if (process.env.AUTHLINT_RECORD) fs.writeFileSync(process.env.AUTHLINT_RECORD, JSON.stringify(observed, null, 2));
  });

  test('the record lists exactly the complete configs of the corpus', () => {
    expect(Object.keys(record.configs).sort()).toEqual(configs);
  });

  test.each(configs)('%s', async (relative) => {
    const seen = await observe(nginx as string, relative);
    observed[relative] = seen;
    const want = record.configs[relative];
    expect(seen).toEqual({ nginx: want?.nginx, ...(want?.nginxSays ? { nginxSays: want.nginxSays } : {}), authlint: want?.authlint });
    // Where nginx can judge the config, authlint must reach the same verdict.
    if (!want?.untestable) expect(seen.authlint.length > 0).toBe(seen.nginx === 'rejects');
  });
});
