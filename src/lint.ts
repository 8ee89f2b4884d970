import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from './core/finding';
import { discover, type DiscoveredFile, type Discovery, type DiscoveryProblem } from './discover/discover';
import { relocatedTrees, type Relocation } from './discover/relocated-trees';
import type { FileKind } from './core/file-kind';
import type { LintedFile } from './core/linted-file';
import { runRules, type RuleSetting } from './engine/run-rules';
import { PathResolver } from './fs/rooted-paths';
import { isInside } from './fs/safe-read';
import type { NginxConfig, SourceFile } from './nginx/config-tree';
import { realPath } from './fs/real-path';
import { inferFragmentContext, NginxLoader } from './nginx/loader';
import { NginxModel } from './nginx/model';
import { RULE_METAS, RULES } from './rules';
import { applySuppressions } from './engine/suppressions';
import { summarizeRepeats } from './engine/summarize';
import { compareFindings } from './core/finding';
import type { Severity } from './core/severity';
import { readAccounts } from './fs/accounts';
import type { Platform } from './htpasswd/compatibility';
import { loadHtpasswdFiles } from './htpasswd/load';
import { lintPasswordFiles } from './lint-password-files';
import { nginxUserFiles } from './nginx/user-file-references';
import { apacheUserFiles, loadApache } from './apache/load-all';
import { choosePlatform } from './htpasswd/platform';
import { sh } from './core/shell';

export interface LintOptions {
  /** Resolve the absolute paths named inside configs under this directory. */
  readonly root?: string;
  /** Treat every given file as this kind instead of classifying it. */
  readonly type?: FileKind;
  readonly ruleSettings?: ReadonlyMap<string, RuleSetting>;
  /** The platform whose crypt() verifies hashes; detected from /etc/os-release when absent. */
  readonly platform?: Platform;
  /** Honour authlint-disable comments (default true; --no-inline-config turns them off). */
  readonly inlineConfig?: boolean;
  /**
   * A directory mirroring part of `/` that wins over it (the files of an `nginx -T` dump): files
   * found there are reported under their own paths (/etc/nginx/…), everything else is read from
   * this machine.
   */
  readonly overlay?: string;
  /**
   * Check file modes and owners (default true). A config repository is not the server: a git
   * checkout carries no owner and only the executable bit, so the pre-commit hook turns this off.
   */
  readonly fileModes?: boolean;
  /** Bytes of a password file read at once (default WINDOW_BYTES); tests make it small to compare windows with whole files. */
  readonly passwordWindowBytes?: number;
  /** Files never to lint (a configuration's ignore patterns). */
  readonly ignore?: (diskPath: string) => boolean;
}

export type { LintedFile };

export interface LintResult {
  readonly findings: Finding[];
  readonly files: LintedFile[];
  /** Command-line paths that could not be used, with why. */
  readonly problems: DiscoveryProblem[];
  /** Files left out by a configuration's ignore patterns. */
  readonly ignored: number;
  /** The text of a line of a file read in this run, for excerpts in reports. */
  readonly sourceLine: (file: string, line: number) => string | undefined;
}

/** Directories whose files are site definitions: linted in http context even when not loaded. */
const SITE_DIR = /\/(sites-available|sites-enabled|conf\.d|vhosts?\.d|servers)\//;

/**
 * The whole pipeline for a set of paths: discover → load (with includes) → model → rules.
 * Never throws for bad input: unreadable or broken files become findings or problems.
 */
export function lint(paths: readonly string[], options: LintOptions = {}): LintResult {
  const resolver = new PathResolver(options.root, options.overlay);
  const discovery = discover(paths, { forcedKind: options.type, confine: resolver.rootDir, ignore: options.ignore });
  if (options.root !== undefined || options.overlay !== undefined) return lintDiscovered(discovery, resolver, options);
  // A copy of a server's configuration directory (a checkout) is read as that directory.
  const mains = discovery.files.filter((f) => (f.kind === 'nginx' && path.basename(f.diskPath) === 'nginx.conf') || (f.kind === 'apache' && /^(apache2|httpd)\.conf$/.test(path.basename(f.diskPath))));
  const trees = relocatedTrees(mains, resolver);
  for (const relocation of trees.shared) resolver.mount(relocation.serverPrefix, relocation.diskDir);
  if (trees.contested.length === 0) return lintDiscovered(discovery, resolver, options);
  // Several copies of one server directory: each copy's files are read with that copy mounted,
  // as a run on that copy alone would read them, so a directory run loses no finding.
  const copyOf = (diskPath: string): Relocation | undefined =>
    trees.contested.filter((r) => isInside(r.diskDir, realPath(diskPath))).sort((a, b) => b.diskDir.length - a.diskDir.length)[0];
  const groups = new Map<Relocation | undefined, DiscoveredFile[]>();
  for (const file of discovery.files) {
    const copy = copyOf(file.diskPath);
    groups.set(copy, [...(groups.get(copy) ?? []), file]);
  }
  const results = [...groups].map(([copy, files], index) => {
    const own = new PathResolver();
    for (const relocation of trees.shared) own.mount(relocation.serverPrefix, relocation.diskDir);
    if (copy) own.mount(copy.serverPrefix, copy.diskDir);
    return lintDiscovered({ files, problems: index === 0 ? discovery.problems : [], ignored: index === 0 ? discovery.ignored : 0 }, own, options);
  });
  return mergeResults(results);
}

/** One result for runs over parts of the same paths (each file is in exactly one part). */
function mergeResults(results: readonly LintResult[]): LintResult {
  // The part that read a file answers for its lines (asked for every line of a file by the redaction pass).
  const owners = new Map<string, LintResult | null>();
  const ownerOf = (file: string): LintResult | null => {
    let owner = owners.get(file);
    if (owner === undefined) {
      owner = results.find((r) => r.sourceLine(file, 1) !== undefined) ?? null;
      owners.set(file, owner);
    }
    return owner;
  };
  return {
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    files: results.flatMap((r) => r.files),
    problems: results.flatMap((r) => r.problems),
    ignored: results.reduce((sum, r) => sum + r.ignored, 0),
    sourceLine: (file, line) => ownerOf(file)?.sourceLine(file, line),
  };
}

function lintDiscovered(discovery: Discovery, resolver: PathResolver, options: LintOptions): LintResult {
  const loader = new NginxLoader(resolver);
  const configs: NginxConfig[] = [];
  const files = new Map<string, LintedFile>();
  const problems = [...discovery.problems];

  const nginxFiles = discovery.files.filter((file) => file.kind === 'nginx');
  // Main configs first, so that what they include is linted in the context nginx reads it in.
  const isMainName = (diskPath: string): boolean => path.basename(diskPath) === 'nginx.conf';
  nginxFiles.sort((a, b) => Number(isMainName(b.diskPath)) - Number(isMainName(a.diskPath)));

  for (const discovered of nginxFiles) {
    if (loader.reachedFromMain.has(realPath(discovered.diskPath))) continue;
    const source = loader.read(discovered.diskPath, resolver.serverPathOf(discovered.diskPath));
    if ('error' in source) {
      problems.push({ diskPath: discovered.diskPath, message: source.error });
      continue;
    }
    const context = inferFragmentContext(source.parse.nodes);
    // Packages name their snippets nginx.conf too (LAM's `location /lam {…}`, the nginx wiki's
    // server blocks): one whose top level is server blocks or location directives cannot be a
    // main config (nginx -t refuses it) and is read as the fragment it is.
    const plainlyFragment = context === 'http' || context === 'server';
    if (context === 'main' || (isMainName(discovered.diskPath) && !plainlyFragment)) {
      configs.push(loader.load(source, { isMain: true, context: 'main' }));
      continue;
    }
    const siteFile = SITE_DIR.test(source.serverPath);
    if (source.serverPath.includes('/sites-available/') && !isEnabled(source, loader, resolver)) {
      const start = { line: 1, column: 1, offset: 0 };
      loader.report(
        'nginx/site-not-enabled',
        source,
        { start, end: start },
        `${path.posix.basename(source.serverPath)} is not loaded: no include reaches it (no link in sites-enabled), so nginx ignores it. ` +
          `Enable it with: ${sh`ln -s ${source.serverPath} ${source.serverPath.replace('/sites-available/', '/sites-enabled/')}`}`,
        [],
      );
    }
    const prefix = guessConfPrefix(source.serverPath, resolver);
    // A snippet found by walking a directory whose nginx.conf this run loaded is only meaningful
    // where it is included: nginx does not load it, so only its syntax is checked — and when it
    // holds auth settings, that is said (silence would read as "fine"). With no nginx.conf above
    // it (a directory of fragments), it is linted in the context its content implies, as when
    // named on the command line.
    const mainLoaded = prefix.found && loader.reachedFromMain.has(realPath(resolver.toDisk(path.posix.join(prefix.dir, 'nginx.conf')).diskPath));
    if (discovered.explicit || siteFile || context === 'http' || !mainLoaded) {
      configs.push(loader.load(source, { isMain: false, context, confPrefix: prefix.dir, confPrefixKnown: prefix.found }));
    } else if (hasAuthDirectives(source)) {
      const start = { line: 1, column: 1, offset: 0 };
      loader.report(
        'nginx/site-not-enabled',
        source,
        { start, end: start },
        `${path.posix.basename(source.serverPath)} is not loaded: no include of ${path.posix.join(prefix.dir, 'nginx.conf')} reaches it, so nginx ignores the auth settings in it; only its syntax was checked`,
        [],
      );
    }
  }

  for (const file of discovery.files) files.set(realPath(file.diskPath), { file: file.diskPath, type: file.kind });
  for (const source of loader.sourceFiles) {
    if (!files.has(source.diskPath)) files.set(source.diskPath, { file: source.diskPath, type: 'nginx' });
  }
  const models = configs.map((config) => new NginxModel(config, resolver));
  const apache = loadApache(discovery.files, resolver);
  problems.push(...apache.problems);
  for (const file of apache.files) if (!files.has(file.diskPath)) files.set(file.diskPath, { file: file.diskPath, type: path.basename(file.diskPath).startsWith('.ht') ? 'htaccess' : 'apache' });

  const htpasswd = loadHtpasswdFiles(
    discovery.files.filter((file) => file.kind === 'htpasswd').map((file) => file.diskPath),
    resolver,
    choosePlatform(resolver, options.platform),
    readAccounts(resolver),
    [...nginxUserFiles(models), ...apacheUserFiles(apache.models)],
    // A copy's owners and modes (a checkout's) say nothing about the server's.
    options.fileModes ?? resolver.mounts.length === 0,
    { windowBytes: options.passwordWindowBytes },
  );
  problems.push(...htpasswd.problems);
  for (const passwordFile of htpasswd.files) {
    if (!files.has(passwordFile.file.diskPath)) files.set(passwordFile.file.diskPath, { file: passwordFile.file.diskPath, type: 'htpasswd' });
  }

  const raw = runRules(
    RULES,
    {
      nginx: models,
      nginxFiles: loader.sourceFiles,
      loaderDiagnostics: [...loader.takeDiagnostics(), ...apache.diagnostics],
      // Password files are linted on their own, window by window (lintPasswordFiles).
      htpasswd: [],
      apache: apache.models,
      apacheFiles: apache.files,
    },
    options.ruleSettings,
  );
  const known = new Set(RULE_METAS.map((meta) => meta.id));
  const severityOf = (meta: { id: string; severity: Severity }) => options.ruleSettings?.get(meta.id) ?? meta.severity;
  const inline = options.inlineConfig !== false ? { knownRules: known, severityOf } : undefined;
  let findings = raw;
  if (inline) {
    const suppressed = applySuppressions(raw, loader.sourceFiles, [], known, severityOf, apache.files);
    findings = [...suppressed.findings, ...suppressed.problems];
  }
  findings.push(...lintPasswordFiles(htpasswd.files, RULES, options.ruleSettings, inline));
  findings = summarizeRepeats(findings).sort(compareFindings);
  const texts = new Map([...loader.sourceFiles, ...apache.files].map((source) => [source.diskPath, source.parse.lines]));
  const sourceLine = (file: string, line: number): string | undefined => texts.get(file)?.lineText(line);
  const result = { findings, files: [...files.values()], problems, sourceLine, ignored: discovery.ignored };
  return options.overlay === undefined ? result : outOfOverlay(result, resolver, texts);
}

/** Findings on the files of an overlay, told with the paths those files had on the server. */
function outOfOverlay(result: LintResult, resolver: PathResolver, texts: Map<string, { lineText(line: number): string | undefined }>): LintResult {
  const shown = new Map<string, string>();
  const show = (diskPath: string): string => {
    const serverPath = resolver.serverPathOf(diskPath);
    shown.set(serverPath, diskPath);
    return serverPath;
  };
  return {
    findings: result.findings.map((f) => ({ ...f, file: show(f.file), related: f.related.map((r) => ({ ...r, file: show(r.file) })) })),
    files: result.files.map((f) => ({ ...f, file: show(f.file) })),
    problems: result.problems,
    ignored: result.ignored,
    sourceLine: (file, line) => texts.get(shown.get(file) ?? file)?.lineText(line),
  };
}

/**
 * Whether a sites-available file (one no loaded main config reached) is enabled. When its
 * tree's nginx.conf was loaded in this run, it was not reached, so it is not; otherwise look
 * for a link to it in the sibling sites-enabled directory.
 */
function isEnabled(source: SourceFile, loader: NginxLoader, resolver: PathResolver): boolean {
  const main = resolver.toDisk(path.posix.join(guessConfPrefix(source.serverPath, resolver).dir, 'nginx.conf'));
  if (main.ok && loader.reachedFromMain.has(realPath(main.diskPath))) return false;
  const enabledDir = path.posix.dirname(source.serverPath).replace(/\/sites-available$/, '/sites-enabled');
  const location = resolver.toDisk(enabledDir);
  if (!location.ok) return false;
  let entries: string[];
  try {
    entries = fs.readdirSync(location.diskPath);
  } catch {
    return false;
  }
  return entries.some((entry) => {
    const target = resolver.toDisk(path.posix.join(enabledDir, entry));
    return target.ok && realPath(target.diskPath) === source.diskPath;
  });
}

/** Directives that decide who gets in: a file holding any is worth a word when nothing loads it. */
const AUTH_DIRECTIVES = new Set(['auth_basic', 'auth_basic_user_file', 'auth_request', 'allow', 'deny', 'satisfy', 'auth_jwt', 'auth_pam']);

function hasAuthDirectives(source: SourceFile): boolean {
  const visit = (nodes: typeof source.parse.nodes): boolean =>
    nodes.some((node) => node.type === 'directive' && (AUTH_DIRECTIVES.has(node.name) || (node.block !== undefined && visit(node.block))));
  return visit(source.parse.nodes);
}

const mainConfigChecks = new WeakMap<PathResolver, Map<string, boolean>>();

/**
 * Whether an nginx.conf is a main config: one with an events or http block (nginx refuses a
 * main config without events). The example trees of the nginx wiki and of packages name their
 * server-block snippets nginx.conf; the files beside such a snippet do not have it as their main.
 */
function isMainConfigFile(diskPath: string, resolver: PathResolver): boolean {
  let checked = mainConfigChecks.get(resolver);
  if (!checked) mainConfigChecks.set(resolver, (checked = new Map()));
  let main = checked.get(diskPath);
  if (main === undefined) {
    const read = fs.existsSync(diskPath) ? resolver.readText(diskPath, MAX_MAIN_SNIFF) : undefined;
    main = read !== undefined && read.ok && /^[ \t]*(events|http)\s*\{/m.test(read.text);
    checked.set(diskPath, main);
  }
  return main;
}

const MAX_MAIN_SNIFF = 1024 * 1024;

/** The conf prefix for a lone file: the nearest ancestor (up to three levels) holding nginx.conf; else its own directory, a guess. */
function guessConfPrefix(serverPath: string, resolver: PathResolver): { dir: string; found: boolean } {
  let dir = path.posix.dirname(serverPath);
  for (let level = 0; level < 4 && dir !== '/'; level++, dir = path.posix.dirname(dir)) {
    const mainPath = path.posix.join(dir, 'nginx.conf');
    // A fragment named nginx.conf (a package's snippet) is not the main config of its own directory.
    if (mainPath === serverPath) continue;
    const candidate = resolver.toDisk(mainPath);
    if (candidate.ok && isMainConfigFile(candidate.diskPath, resolver)) return { dir, found: true };
  }
  return { dir: path.posix.dirname(serverPath), found: false };
}
