import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadDiagnostic } from '../core/file-ref';
import type { DiscoveredFile } from '../discover/discover';
import { globSync } from '../fs/glob';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';
import type { ApacheConfig, ApacheSourceFile } from './config-tree';
import { ApacheLoader } from './loader';
import { ApacheModel, htaccessDir } from './model';
import { own, walkApacheScopes } from './scopes';
import type { Consumer } from '../htpasswd/model';

const MAX_HTACCESS = 5000;
const MAIN = /^(apache2|httpd)\.conf$/;
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
export function loadApache(discovered: readonly DiscoveredFile[], resolver: PathResolver): ApacheRun {
  const loader = new ApacheLoader(resolver);
  const problems: ApacheRun['problems'] = [];
  const models: ApacheModel[] = [];
  const configs = discovered.filter((f) => f.kind === 'apache');
  const htaccessDiscovered = discovered.filter((f) => f.kind === 'htaccess');
  const claimed = new Set<string>();
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
    const isMain = MAIN.test(path.basename(discoveredFile.diskPath));
    if (!isMain && !discoveredFile.explicit && !SITE_DIR.test(source.serverPath)) continue; // syntax only
    const config = loader.load(source, isMain);
    const htaccess = isMain ? findHtaccess(config, resolver, claimed, readHtaccess) : [];
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

/** .htaccess files under the config's DocumentRoots and <Directory> paths (AccessFileName honoured). */
function findHtaccess(
  config: ApacheConfig,
  resolver: PathResolver,
  claimed: Set<string>,
  read: (diskPath: string, serverPath: string) => ApacheSourceFile | undefined,
): { file: ApacheSourceFile; dir: string }[] {
  const scope = new ApacheModel(config, resolver, []).root;
  const roots = new Set<string>();
  let accessName = '.htaccess';
  for (const s of walkApacheScopes(scope)) {
    for (const d of own(s, 'DocumentRoot')) if (d.args[0]) roots.add(d.args[0].replace(/\/+$/, ''));
    if (s.kind === 'directory' && s.path && !/[*?[~]/.test(s.path) && s.path !== '/') roots.add(s.path.replace(/\/+$/, ''));
    for (const d of own(s, 'AccessFileName')) if (d.args[0]) accessName = d.args[0];
  }
  const out: { file: ApacheSourceFile; dir: string }[] = [];
  const seen = new Set<string>();
  for (const root of [...roots].sort()) {
    const location = resolver.toDisk(root);
    if (!location.ok || !fs.existsSync(location.diskPath)) continue;
    const found = globSync(`**/${accessName}`, { cwd: location.diskPath, dot: true, onlyFiles: true, deep: 12, suppressErrors: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    for (const relative of found.sort()) {
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
