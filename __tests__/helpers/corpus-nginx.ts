import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { restoreSymlinks } from './corpus-trees';
import { CORPUS, HAVE_CORPUS } from './crossplane';
import { editFiles, filesBelow } from './tree';

/**
 * The complete nginx configurations in the corpus: files whose top level holds an `events`
 * block (nginx refuses a main config without one), by crossplane's reference parse, or by the
 * text when crossplane could not parse the file. Everything else in the corpus is a fragment
 * (a site file, a snippet) that nginx cannot test on its own.
 */
export function completeNginxConfigs(): string[] {
  if (!HAVE_CORPUS) return [];
  const base = path.join(CORPUS, 'nginx-crossplane');
  return filesBelow(base)
    .filter((file) => file.endsWith('.json'))
    .map((file) => path.relative(base, file).slice(0, -'.json'.length))
    .filter((relative) => {
      const parse = JSON.parse(fs.readFileSync(path.join(base, `${relative}.json`), 'utf8')) as { status: string; parsed: { directive: string }[] };
      const topLevelEvents = parse.parsed.some((d) => d.directive === 'events');
      return topLevelEvents || (parse.status !== 'ok' && /^events\s*\{/m.test(fs.readFileSync(path.join(CORPUS, 'nginx', relative), 'utf8')));
    })
    .sort();
}

/**
 * A corpus config laid out as a mirror of `/`, in a temp root (`cleanup` removes it): a tree
 * that already is one (…/etc/nginx/…) is copied as it is; otherwise the config's directory
 * becomes etc/nginx, so its relative includes resolve against the conf prefix as for nginx.
 */
export function nginxCorpusTree(relative: string): { root: string; config: string; cleanup: () => void } {
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
 * `user www;` names an account this machine lacks, and nginx -t stops at getpwnam() before it
 * reads the rest. The account is the deploy machine's business, not the config's: point the
 * directive at nobody/nogroup (which exist on Debian) so the test reaches what authlint checks.
 */
export function adaptUsers(dir: string, known: (kind: 'user' | 'group', name: string) => boolean): void {
  editFiles(dir, (text) =>
    text.replace(/^(\s*user\s+)([^\s;]+)(?:\s+([^\s;]+))?(\s*;)/gm, (_all, lead: string, user: string, group: string | undefined, end: string) => {
      const wantGroup = group ?? user;
      return `${lead}${known('user', user) ? user : 'nobody'} ${known('group', wantGroup) ? wantGroup : 'nogroup'}${end}`;
    }),
  );
}

/** Whether this machine has the account (from /etc/passwd or /etc/group). */
export function hostHas(kind: 'user' | 'group', name: string): boolean {
  const file = kind === 'user' ? '/etc/passwd' : '/etc/group';
  return fs.readFileSync(file, 'utf8').split('\n').some((line) => line.split(':')[0] === name);
}

const WRITABLE = /^(\s*(?:pid|error_log|access_log|(?:client_body|proxy|fastcgi|uwsgi|scgi)_temp_path|(?:proxy|fastcgi|uwsgi|scgi)_cache_path)\s+["']?)([^\s;"']+)/gm;

/**
 * Even `nginx -t` opens the pid file and every log file and creates the temp and cache
 * directories (client_body_temp_path…, proxy_cache_path…), failing when the directory above is
 * missing — on the deploy machine /var/log/nginx, /run or a container's /data/logs exist. Point
 * every such path the copied configs name into the temp prefix (the harness has already done so
 * for /etc, /var, /srv, /run and /tmp) and create the directory above it. Nothing is ever
 * written outside the prefix.
 */
export function prepareWritablePaths(dir: string): void {
  editFiles(dir, (text) =>
    text.replace(WRITABLE, (all, lead: string, target: string) => {
      if (target.includes('$') || /^(?:syslog:|stderr$|off$|memory:)/.test(target)) return all;
      const inPrefix = path.isAbsolute(target) ? (target.startsWith(dir + path.sep) ? target : dir + target) : path.join(dir, target);
      fs.mkdirSync(path.dirname(inPrefix), { recursive: true });
      return path.isAbsolute(target) ? lead + inPrefix : all;
    }),
  );
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
