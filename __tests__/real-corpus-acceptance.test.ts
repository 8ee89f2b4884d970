import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../src/lint';
import { describeCorpus } from './helpers/crossplane';
import { adaptApacheServerRoot, apacheCorpusTree, completeApacheConfigs } from './helpers/corpus-apache';
import { adaptUsers, completeNginxConfigs, hostHas, nginxCorpusTree, prepareWritablePaths, stockDynamicModules } from './helpers/corpus-nginx';
import { findApache, RealApache } from './helpers/real-apache';
import { fixturePath } from './helpers/fixtures';
import { LOAD_ERRORS } from './helpers/load-errors';
import { findNginx, RealNginx, requireServerOrSkip } from './helpers/real-nginx';

/**
 * Parser acceptance on the corpus: for every complete nginx and Apache configuration in
 * ../shared/corpus, authlint reports a load error exactly when `nginx -t` / `apache2 -t` rejects
 * it. fixtures/parser/corpus-acceptance.json records each config's outcome and the server's
 * first error; the configs this machine's servers cannot judge (a module they lack, a template)
 * are recorded there with the reason, and their outcome is checked too. The harness changes only
 * the environment (see corpus-nginx.ts, corpus-apache.ts). Set AUTHLINT_RECORD=<file> to write what was observed
 * there (and to <file>.apache), for a review of a changed outcome.
 */
interface Observed {
  readonly server: 'accepts' | 'rejects';
  /** The server's first error (nginx's first [emerg]), with the temp prefix taken out. */
  readonly serverSays?: string;
  /** The load-error rules authlint reports, sorted. */
  readonly authlint: string[];
}

interface Recorded extends Observed {
  /** Why this machine's nginx cannot judge the config; absent when the verdicts must agree. */
  readonly untestable?: string;
}

const RECORD_FILE = fixturePath('parser/corpus-acceptance.json');
const record: { nginx: Record<string, Recorded>; apache: Record<string, Recorded> } = JSON.parse(fs.readFileSync(RECORD_FILE, 'utf8'));

/** The load-error rules authlint reports on a tree, sorted and each once. */
function loadErrors(tree: { root: string; config: string }): string[] {
  const findings = lint([path.join(tree.root, tree.config)], { root: tree.root }).findings;
  return [...new Set(findings.filter((f) => f.severity === 'error' && LOAD_ERRORS.has(f.ruleId)).map((f) => f.ruleId))].sort();
}

/** Compare one observation with the record: the outcome as recorded, and agreement unless untestable. */
function expectAsRecorded(seen: Observed, want: Recorded | undefined): void {
  expect(seen).toEqual({ server: want?.server, ...(want?.serverSays ? { serverSays: want.serverSays } : {}), authlint: want?.authlint });
  // Where the server can judge the config, authlint must reach the same verdict.
  if (!want?.untestable) expect(seen.authlint.length > 0).toBe(seen.server === 'rejects');
}

async function observe(nginx: string, relative: string): Promise<Observed> {
  const tree = nginxCorpusTree(relative);
  try {
    const loadModules = stockDynamicModules(fs.readFileSync(path.join(tree.root, tree.config), 'utf8'));
    const server = await RealNginx.prepare(nginx, tree.root, { config: tree.config, loadModules });
    let result: { ok: boolean; output: string };
    try {
      adaptUsers(server.dir, hostHas);
      prepareWritablePaths(server.dir);
      result = server.test();
    } finally {
      await server.stop();
    }
    const emerg = /\[emerg\] \d+#\d+: (.*)/.exec(result.output)?.[1].split(server.dir).join('');
    const authlint = loadErrors(tree);
    return { server: result.ok ? 'accepts' : 'rejects', ...(emerg && !result.ok ? { serverSays: emerg } : {}), authlint };
  } finally {
    tree.cleanup();
  }
}

const nginx = findNginx();
(requireServerOrSkip(nginx, 'nginx') ? describeCorpus : describe.skip)('nginx -t and authlint agree on which corpus configs load', () => {
  const configs = completeNginxConfigs();
  const observed: Record<string, Observed> = {};

  afterAll(() => {
    if (process.env.AUTHLINT_RECORD) fs.writeFileSync(process.env.AUTHLINT_RECORD, JSON.stringify(observed, null, 2));
  });

  test('the record lists exactly the complete configs of the corpus', () => {
    expect(Object.keys(record.nginx).sort()).toEqual(configs);
  });

  test.each(configs)('%s', async (relative) => {
    const seen = await observe(nginx as string, relative);
    observed[relative] = seen;
    expectAsRecorded(seen, record.nginx[relative]);
  });
});

/** Apache's first error line (AH… or "Syntax error on line …"), with the temp prefix taken out. */
function apacheFirstError(output: string, dir: string): string | undefined {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => /Syntax error|AH\d+: (?!apache2: Could not reliably)|Invalid command|Cannot load/.test(l) && !/\[\w+:warn\]|Warning:|has no effect/.test(l));
  if (at < 0) return undefined;
  // AH00526 names the place on one line and the error on the next.
  const text = lines[at].endsWith(':') && lines[at + 1] ? `${lines[at]} ${lines[at + 1]}` : lines[at];
  return text.split(dir).join('').replace(/^\[[^\]]*\] \[[^\]]*\] \[pid [^\]]*\] /, '');
}

async function observeApache(apache: string, relative: string): Promise<Observed> {
  const tree = apacheCorpusTree(relative);
  try {
    const server = await RealApache.prepare(apache, tree.root, { config: tree.config, serverRoot: tree.serverRoot, debianEnvvars: true });
    let result: { ok: boolean; output: string };
    try {
      if (tree.ownServerRoot) adaptApacheServerRoot(server.dir, tree.ownServerRoot);
      result = server.test();
    } finally {
      await server.stop();
    }
    const says = result.ok ? undefined : apacheFirstError(result.output, server.dir);
    return { server: result.ok ? 'accepts' : 'rejects', ...(says ? { serverSays: says } : {}), authlint: loadErrors(tree) };
  } finally {
    tree.cleanup();
  }
}

const apache = findApache();
(requireServerOrSkip(apache, 'apache2') ? describeCorpus : describe.skip)('apache2 -t and authlint agree on which corpus configs load', () => {
  const configs = completeApacheConfigs();
  const observed: Record<string, Observed> = {};

  afterAll(() => {
    if (process.env.AUTHLINT_RECORD) fs.writeFileSync(`${process.env.AUTHLINT_RECORD}.apache`, JSON.stringify(observed, null, 2));
  });

  test('the record lists exactly the complete configs of the corpus', () => {
    expect(Object.keys(record.apache).sort()).toEqual(configs);
  });

  test.each(configs)('%s', async (relative) => {
    const seen = await observeApache(apache as string, relative);
    observed[relative] = seen;
    expectAsRecorded(seen, record.apache[relative]);
  });
});
