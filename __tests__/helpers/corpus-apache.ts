import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { restoreSymlinks } from './corpus-trees';
import { CORPUS, HAVE_CORPUS } from './crossplane';
import { editFiles, filesBelow } from './tree';

/** The complete Apache configurations in the corpus: main files by name (templates, *.in, left out). */
export function completeApacheConfigs(): string[] {
  if (!HAVE_CORPUS) return [];
  const base = path.join(CORPUS, 'apache');
  return filesBelow(base)
    .filter((file) => ['apache2.conf', 'httpd.conf'].includes(path.basename(file)))
    .map((file) => path.relative(base, file))
    .sort();
}

export interface ApacheCorpusTree {
  readonly root: string;
  readonly config: string;
  /** Set when the config names no ServerRoot and relies on Debian's compiled-in /etc/apache2. */
  readonly serverRoot?: string;
  /** An absolute ServerRoot the config names, which the harness points into its prefix. */
  readonly ownServerRoot?: string;
  readonly cleanup: () => void;
}

/**
 * A corpus Apache config laid out as a mirror of `/`. Its directory becomes the ServerRoot it
 * names (h5bp's /usr/local/apache2, the httpd Docker image's) or, for a Debian layout without
 * one, /etc/apache2 — Debian's compiled-in ServerRoot.
 */
export function apacheCorpusTree(relative: string): ApacheCorpusTree {
  const file = path.join(CORPUS, 'apache', relative);
  const named = /^\s*ServerRoot\s+"?(\/[^"\s]+)"?/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  const serverRoot = (named ?? '/etc/apache2').slice(1);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-corpus-'));
  fs.cpSync(path.dirname(file), path.join(root, serverRoot), { recursive: true, verbatimSymlinks: true });
  restoreSymlinks(root);
  if (named) {
    dropBuiltInLoadModules(root);
    // The httpd image has ServerRoot/logs; the repository does not keep the empty directory.
    fs.mkdirSync(path.join(root, serverRoot, 'logs'), { recursive: true });
  } else {
    completeDebianLayout(root);
  }
  return {
    root,
    config: path.join(serverRoot, path.basename(file)),
    ...(named ? { ownServerRoot: named } : { serverRoot }),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * In the harness's copy: point the config's own absolute ServerRoot into the prefix, and give
 * it the modules directory of this machine's Apache (the Docker image keeps its modules there).
 */
export function adaptApacheServerRoot(dir: string, serverRoot: string): void {
  editFiles(dir, (text) => text.split(serverRoot).join(dir + serverRoot));
  const modules = path.join(dir, serverRoot, 'modules');
  if (!fs.existsSync(modules)) fs.symlinkSync('/usr/lib/apache2/modules', modules);
}

/** The modules a fresh Debian install of apache2 enables. */
const DEBIAN_DEFAULT_MODULES = ['access_compat', 'alias', 'auth_basic', 'authn_core', 'authn_file', 'authz_core', 'authz_host', 'authz_user', 'autoindex', 'deflate', 'dir', 'env', 'filter', 'mime', 'mpm_event', 'negotiation', 'reqtimeout', 'setenvif', 'status'];

/**
 * The corpus keeps a Debian tree's .conf files but not what every Debian machine has beside
 * them: the stock mods-enabled (an MPM, authz_core…), envvars and /etc/mime.types. Take them from
 * this machine's Apache install, so that both authlint and apache2 see a whole Debian tree.
 */
function completeDebianLayout(root: string): void {
  const modsEnabled = path.join(root, 'etc/apache2/mods-enabled');
  fs.mkdirSync(modsEnabled, { recursive: true });
  // The tree's own enabled modules stay; those a fresh Debian install enables are added (a
  // fixed list, not this machine's mods-enabled, which other packages may have changed).
  for (const module of DEBIAN_DEFAULT_MODULES) {
    for (const ext of ['.load', '.conf']) {
      const from = path.join('/etc/apache2/mods-available', module + ext);
      const to = path.join(modsEnabled, module + ext);
      if (fs.existsSync(from) && !fs.existsSync(to)) fs.cpSync(from, to);
    }
  }
  for (const [from, to] of [
    ['/etc/apache2/envvars', 'etc/apache2/envvars'],
    ['/etc/mime.types', 'etc/mime.types'],
  ]) {
    const target = path.join(root, to);
    if (!fs.existsSync(target) && fs.existsSync(from)) fs.cpSync(from, target, { dereference: true });
  }
}

/** Modules upstream httpd builds as modules and Debian compiles in. */
const DEBIAN_BUILT_IN = ['log_config_module', 'logio_module', 'version_module', 'unixd_module', 'watchdog_module', 'so_module'];

/**
 * Debian refuses `LoadModule log_config_module` ("is built-in and can't be loaded"): a build
 * difference, not the config's. Comment those lines out.
 */
function dropBuiltInLoadModules(root: string): void {
  editFiles(root, (text, file) =>
    file.endsWith('.conf') ? text.replace(/^(\s*)(LoadModule\s+(\w+)\s)/gm, (all, lead: string, rest: string, name: string) => (DEBIAN_BUILT_IN.includes(name) ? `${lead}# ${rest}` : all)) : text,
  );
}
