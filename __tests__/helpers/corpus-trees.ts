import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS } from './crossplane';

/**
 * The complete nginx configurations in the corpus: files whose top level holds an `events`
 * block (nginx refuses a main config without one), by crossplane's reference parse, or by the
 * text when crossplane could not parse the file. Everything else in the corpus is a fragment
 * (a site file, a snippet) that nginx cannot test on its own.
 */
export function completeNginxConfigs(): string[] {
  const out: string[] = [];
  const base = path.join(CORPUS, 'nginx-crossplane');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const relative = path.relative(base, full).slice(0, -'.json'.length);
        const parse = JSON.parse(fs.readFileSync(full, 'utf8')) as { status: string; parsed: { directive: string }[] };
        const topLevelEvents = parse.parsed.some((d) => d.directive === 'events');
        const textEvents = parse.status !== 'ok' && /^events\s*\{/m.test(fs.readFileSync(path.join(CORPUS, 'nginx', relative), 'utf8'));
        if (topLevelEvents || textEvents) out.push(relative);
      }
    }
  };
  walk(base);
  return out.sort();
}

/**
 * A corpus config laid out as a mirror of `/`, in a temp root (`cleanup` removes it): a tree
 * that already is one (…/etc/nginx/…) is copied as it is; otherwise the config's directory
 * becomes etc/nginx, so its relative includes resolve against the conf prefix as for nginx.
 */
export function corpusTree(relative: string): { root: string; config: string; cleanup: () => void } {
  const file = path.join(CORPUS, 'nginx', relative);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-corpus-'));
  const marker = file.lastIndexOf('/etc/nginx/');
  let config: string;
  if (marker >= 0) {
    fs.cpSync(file.slice(0, marker), root, { recursive: true, verbatimSymlinks: true });
    config = file.slice(marker + 1);
  } else {
    fs.cpSync(path.dirname(file), path.join(root, 'etc/nginx'), { recursive: true, verbatimSymlinks: true });
    config = path.join('etc/nginx', path.basename(file));
  }
  restoreSymlinks(root);
  return { root, config, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * The corpus stores its sources' symbolic links as small text files holding the target
 * (sites-enabled/default reads "../sites-available/default"). Make them links again where the
 * target is a file of the tree, so the server and authlint see the tree as its source has it.
 */
export function restoreSymlinks(root: string): void {
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size < 256) {
        const text = fs.readFileSync(full, 'utf8');
        if (!/^\.{1,2}\/[^\s]+$/.test(text)) continue;
        const target = path.resolve(current, text);
        if (!target.startsWith(root + path.sep) || !fs.existsSync(target) || !fs.statSync(target).isFile()) continue;
        fs.unlinkSync(full);
        fs.symlinkSync(text, full);
      }
    }
  };
  walk(root);
}

/**
 * `user www;` names an account this machine lacks, and nginx -t stops at getpwnam() before it
 * reads the rest. The account is the deploy machine's business, not the config's: point the
 * directive at nobody/nogroup (which exist on Debian) so the test reaches what authlint checks.
 */
export function adaptUsers(dir: string, known: (kind: 'user' | 'group', name: string) => boolean): void {
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const text = fs.readFileSync(full, 'utf8');
        const out = text.replace(/^(\s*user\s+)([^\s;]+)(?:\s+([^\s;]+))?(\s*;)/gm, (_all, lead: string, user: string, group: string | undefined, end: string) => {
          const wantGroup = group ?? user;
          return `${lead}${known('user', user) ? user : 'nobody'} ${known('group', wantGroup) ? wantGroup : 'nogroup'}${end}`;
        });
        if (out !== text) fs.writeFileSync(full, out);
      }
    }
  };
  walk(dir);
}

/** Whether this machine has the account (from /etc/passwd or /etc/group). */
export function hostHas(kind: 'user' | 'group', name: string): boolean {
  const file = kind === 'user' ? '/etc/passwd' : '/etc/group';
  return fs.readFileSync(file, 'utf8').split('\n').some((line) => line.split(':')[0] === name);
}

/**
 * Even `nginx -t` opens the pid file and every log file and creates the temp and cache
 * directories (client_body_temp_path…, proxy_cache_path…), failing when the directory above is
 * missing — on the deploy machine /var/log/nginx, /run or a container's /data/logs exist. Point
 * every such path the copied configs name into the temp prefix (the harness has already done so
 * for /etc, /var, /srv, /run and /tmp) and create the directory above it. Nothing is ever
 * written outside the prefix.
 */
export function prepareWritablePaths(dir: string): void {
  const directive = /^(\s*(?:pid|error_log|access_log|(?:client_body|proxy|fastcgi|uwsgi|scgi)_temp_path|(?:proxy|fastcgi|uwsgi|scgi)_cache_path)\s+["']?)([^\s;"']+)/gm;
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const text = fs.readFileSync(full, 'utf8');
        const out = text.replace(directive, (all, lead: string, target: string) => {
          if (target.includes('$') || /^(?:syslog:|stderr$|off$|memory:)/.test(target)) return all;
          const inPrefix = path.isAbsolute(target) ? (target.startsWith(dir + path.sep) ? target : dir + target) : path.join(dir, target);
          fs.mkdirSync(path.dirname(inPrefix), { recursive: true });
          return path.isAbsolute(target) ? lead + inPrefix : all;
        });
        if (out !== text) fs.writeFileSync(full, out);
      }
    }
  };
  walk(dir);
}

/** The complete Apache configurations in the corpus: main files by name (templates, *.in, left out). */
export function completeApacheConfigs(): string[] {
  const out: string[] = [];
  const base = path.join(CORPUS, 'apache');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'apache2.conf' || entry.name === 'httpd.conf') out.push(path.relative(base, full));
    }
  };
  walk(base);
  return out.sort();
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
  const text = fs.readFileSync(file, 'utf8');
  const named = /^\s*ServerRoot\s+"?(\/[^"\s]+)"?/m.exec(text)?.[1];
  const serverRoot = (named ?? '/etc/apache2').slice(1);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-corpus-'));
  fs.cpSync(path.dirname(file), path.join(root, serverRoot), { recursive: true, verbatimSymlinks: true });
  restoreSymlinks(root);
  if (named) {
    dropBuiltInLoadModules(root);
    // The httpd image has ServerRoot/logs; the repository does not keep the empty directory.
    fs.mkdirSync(path.join(root, serverRoot, 'logs'), { recursive: true });
  }
  else completeDebianLayout(root);
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
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const text = fs.readFileSync(full, 'utf8');
        const out = text.split(serverRoot).join(dir + serverRoot);
        if (out !== text) fs.writeFileSync(full, out);
      }
    }
  };
  walk(dir);
  const modules = path.join(dir, serverRoot, 'modules');
  if (!fs.existsSync(modules)) fs.symlinkSync('/usr/lib/apache2/modules', modules);
}

/**
 * The corpus keeps a Debian tree's .conf files but not what every Debian machine has beside
 * them: the stock mods-enabled (an MPM, authz_core…), envvars and /etc/mime.types. Take them from
 * this machine's Apache install, so that both authlint and apache2 see a whole Debian tree.
 */
const DEBIAN_DEFAULT_MODULES = ['access_compat', 'alias', 'auth_basic', 'authn_core', 'authn_file', 'authz_core', 'authz_host', 'authz_user', 'autoindex', 'deflate', 'dir', 'env', 'filter', 'mime', 'mpm_event', 'negotiation', 'reqtimeout', 'setenvif', 'status'];

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

/**
 * Upstream httpd builds mod_log_config, mod_unixd… as modules; Debian compiles them in and
 * refuses `LoadModule log_config_module` ("is built-in and can't be loaded"). A build difference,
 * not the config's: comment those lines out.
 */
function dropBuiltInLoadModules(root: string): void {
  const builtIn = ['log_config_module', 'logio_module', 'version_module', 'unixd_module', 'watchdog_module', 'so_module'];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.conf')) {
        const text = fs.readFileSync(full, 'utf8');
        const out = text.replace(/^(\s*)(LoadModule\s+(\w+)\s)/gm, (all, lead: string, rest: string, name: string) => (builtIn.includes(name) ? `${lead}# ${rest}` : all));
        if (out !== text) fs.writeFileSync(full, out);
      }
    }
  };
  walk(root);
}

/**
 * Debian builds nginx's mail, stream and perl modules as dynamic modules, loaded by its stock
 * nginx.conf through modules-enabled; the corpus configs were written for builds that have them
 * compiled in. Those of this machine's that exist, unless the config loads modules itself.
 */
export function stockDynamicModules(mainConfigText: string): string[] {
  if (/^\s*load_module\s/m.test(mainConfigText)) return [];
  return ['ngx_mail_module.so', 'ngx_stream_module.so', 'ngx_http_perl_module.so'].map((so) => path.join('/usr/lib/nginx/modules', so)).filter((so) => fs.existsSync(so));
}
