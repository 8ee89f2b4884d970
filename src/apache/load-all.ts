import * as path from 'node:path';
import type { LoadDiagnostic } from '../core/file-ref';
import { walkFiles } from '../fs/walk';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';
import type { ApacheConfig, ApachePlaced, ApacheSourceFile } from './config-tree';
import { ApacheLoader } from './loader';
import { apacheDirectives, type ApacheNode } from '../parsers/apache/ast';
import { ApacheModel, htaccessDir } from './model';
import { own, walkApacheScopes } from './scopes';
import type { Consumer } from '../htpasswd/model';

const MAX_HTACCESS = 5000;
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);
const MAIN = /^(apache2|httpd)\.conf$/;

/** Directives only a whole server config has: where it runs, what it listens on, what it loads. */
const MAIN_ONLY = new Set(['serverroot', 'listen', 'loadmodule', 'pidfile', 'user', 'group', 'defaultruntimedir', 'mutex', 'include', 'includeoptional']);

/**
 * Packages name their snippets apache2.conf too (nagios4's, under /usr/share): a file with
 * directives but none that a whole server config has — no ServerRoot, Listen, LoadModule,
 * PidFile, User or Include — is the fragment an Include pulls in, not a main config.
 */
function isPlainlyFragment(nodes: readonly ApacheNode[]): boolean {
  let directives = 0;
  const hasMainOnly = (list: readonly ApacheNode[]): boolean =>
    apacheDirectives(list).some((directive) => {
      directives++;
      return MAIN_ONLY.has(directive.name.toLowerCase()) || (directive.section !== undefined && hasMainOnly(directive.section.body));
    });
  return !hasMainOnly(nodes) && directives > 0;
}
const SITE_DIR = /\/(sites-available|sites-enabled|conf\.d|conf-available|conf-enabled|vhosts?\.d)\//;

export interface ApacheRun {
  readonly models: ApacheModel[];
  readonly files: ApacheSourceFile[];
  readonly diagnostics: LoadDiagnostic[];
  readonly problems: { diskPath: string; message: string }[];
}

/**
 * Every Apache configuration of the run: main configs (apache2.conf, httpd.conf) with their
 * includes, the .htaccess files under their DocumentRoots and <Directory> paths, other config
 * files as fragments, and .htaccess files found on their own (read without a server config).
 */
/** A file to load, as discovery found it (the loaders do not depend on discovery). */
export interface ApacheInput {
  readonly diskPath: string;
  readonly kind: string;
  /** Named on the command line, not found by walking a directory. */
  readonly explicit: boolean;
}

export function loadApache(discovered: readonly ApacheInput[], resolver: PathResolver): ApacheRun {
  const loader = new ApacheLoader(resolver);
  const problems: ApacheRun['problems'] = [];
  const models: ApacheModel[] = [];
  const configs = discovered.filter((f) => f.kind === 'apache');
  const htaccessDiscovered = discovered.filter((f) => f.kind === 'htaccess');
  const claimed = new Set<string>();
  const loadedMainDirs: string[] = [];
  configs.sort((a, b) => Number(MAIN.test(path.basename(b.diskPath))) - Number(MAIN.test(path.basename(a.diskPath))));

  const readHtaccess = (diskPath: string, serverPath: string): ApacheSourceFile | undefined => {
    const source = loader.read(diskPath, serverPath);
    if ('error' in source) {
      problems.push({ diskPath, message: source.error });
      return undefined;
    }
    return source;
  };

  for (const discoveredFile of configs) {
    const key = realPath(discoveredFile.diskPath);
    if (loader.reached.has(key)) continue;
    const source = loader.read(discoveredFile.diskPath, resolver.serverPathOf(discoveredFile.diskPath));
    if ('error' in source) {
      problems.push({ diskPath: discoveredFile.diskPath, message: source.error });
      continue;
    }
    const isMain = MAIN.test(path.basename(discoveredFile.diskPath)) && !isPlainlyFragment(source.parse.nodes);
    // A file found by walking the tree of a main config this run loaded, that no Include reached:
    // httpd does not read it, so only its syntax is checked. With no main config above it (a
    // directory of fragments), it is linted on its own, as when named on the command line.
    const underLoadedMain = loadedMainDirs.some((dir) => source.serverPath.startsWith(`${dir}/`));
    if (!isMain && !discoveredFile.explicit && !SITE_DIR.test(source.serverPath) && underLoadedMain) continue;
    const config = loader.load(source, isMain);
    if (isMain) loadedMainDirs.push(path.posix.dirname(source.serverPath).replace(/\/conf$/, ''));
    const htaccess = isMain ? findHtaccess(config, resolver, claimed, readHtaccess, loader) : [];
    models.push(new ApacheModel(config, resolver, htaccess));
  }

  // .htaccess files that no loaded configuration serves: linted on their own.
  const lone = htaccessDiscovered
    .filter((f) => !claimed.has(realPath(f.diskPath)))
    .map((f) => {
      const serverPath = resolver.serverPathOf(f.diskPath);
      const file = readHtaccess(f.diskPath, serverPath);
      return file ? { file, dir: htaccessDir(serverPath) } : undefined;
    })
    .filter((x): x is { file: ApacheSourceFile; dir: string } => x !== undefined);
  if (lone.length > 0) {
    const config: ApacheConfig = {
      entry: lone[0].file,
      isMain: false,
      serverRoot: '/etc/apache2',
      items: [],
      files: [],
      defines: new Map(),
      runUser: 'www-data',
      layout: 'other',
    };
    models.push(new ApacheModel(config, resolver, lone));
  }
  return { models, files: loader.sourceFiles, diagnostics: loader.takeDiagnostics(), problems };
}

/**
 * .htaccess files under the config's DocumentRoots and <Directory> paths (AccessFileName
 * honoured). The walk follows links as httpd follows them to serve files, but never out of
 * --root, enters each directory once and is bounded; a cut walk is reported on the directive
 * that named the directory.
 */
function findHtaccess(
  config: ApacheConfig,
  resolver: PathResolver,
  claimed: Set<string>,
  read: (diskPath: string, serverPath: string) => ApacheSourceFile | undefined,
  loader: ApacheLoader,
): { file: ApacheSourceFile; dir: string }[] {
  const model = new ApacheModel(config, resolver, []);
  const roots = new Map<string, ApachePlaced>();
  const addRoot = (dir: string | undefined, by: ApachePlaced | undefined): void => {
    if (!dir || !by || !dir.startsWith('/') || /[*?[~]/.test(dir) || dir === '/') return;
    const key = dir.replace(/\/+$/, '');
    if (!roots.has(key)) roots.set(key, by);
  };
  let accessName = '.htaccess';
  // Where a .htaccess file matters: what httpd serves (DocumentRoot, Alias targets), and the
  // <Directory> sections that let one be read. A <Directory /usr/share> with AllowOverride None
  // and nothing mapped to it is never read by httpd, and not walked here either.
  for (const s of walkApacheScopes(model.root)) {
    for (const d of own(s, 'DocumentRoot')) addRoot(d.args[0], d);
    for (const d of [...own(s, 'Alias'), ...own(s, 'ScriptAlias')]) addRoot(d.args[1], d);
    if (s.kind === 'directory' && s.path && !model.allowOverrideAnywhere(s.path).classes.has('none')) addRoot(s.path, s.section);
    for (const d of own(s, 'AccessFileName')) if (d.args[0]) accessName = d.args[0];
  }
  const out: { file: ApacheSourceFile; dir: string }[] = [];
  const seen = new Set<string>();
  for (const root of [...roots.keys()].sort()) {
    const location = resolver.toDisk(root);
    if (!location.ok || location.missing) continue;
    const walk = walkFiles(location.diskPath, { maxDepth: 12, maxEntries: 200_000, followLinks: true, confine: resolver.rootDir, dot: true, name: accessName, skipDirs: SKIPPED_DIRS });
    const by = roots.get(root) as ApachePlaced;
    for (const reason of walk.cutShort) loader.report('generic/limit-reached', by.file, by.directive.nameRange, `looking for ${accessName} files below ${root}: ${reason}`, by.chain);
    for (const relative of walk.files) {
      if (out.length >= MAX_HTACCESS) break;
      const serverPath = path.posix.join(root, relative);
      const disk = resolver.toDisk(serverPath);
      if (!disk.ok) continue;
      const key = realPath(disk.diskPath);
      if (seen.has(key)) continue;
      seen.add(key);
      const file = read(disk.diskPath, serverPath);
      if (!file) continue;
      claimed.add(key);
      out.push({ file, dir: path.posix.dirname(serverPath) });
    }
  }
  return out;
}

/** Every AuthUserFile of the Apache configurations that exists, as a password-file consumer. */
export function apacheUserFiles(models: readonly ApacheModel[]): { diskPath: string; serverPath: string; consumer: Consumer }[] {
  const out: { diskPath: string; serverPath: string; consumer: Consumer }[] = [];
  for (const model of models) {
    for (const scope of model.scopes()) {
      for (const placed of scope.directives) {
        if (!/^authuserfile$/i.test(placed.directive.name) || !placed.args[0]) continue;
        // A Digest area reads htdigest files (user:realm:md5), not htpasswd files.
        let authType: string | undefined;
        for (let level: typeof scope | undefined = scope; level && authType === undefined; level = level.parent) authType = own(level, 'AuthType').pop()?.args[0]?.toLowerCase();
        if (authType === 'digest') continue;
        const state = model.fileState(placed.args[0]);
        if (state.kind !== 'file') continue;
        out.push({
          diskPath: state.diskPath,
          serverPath: state.serverPath,
          consumer: { server: 'apache', workerUser: model.config.runUser, reference: { file: placed.file, range: placed.directive.args[0].range, chain: placed.chain } },
        });
      }
    }
  }
  return out;
}
