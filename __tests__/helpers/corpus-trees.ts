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
 * A corpus config laid out as a mirror of `/`: a tree that already is one (…/etc/nginx/…) is
 * used as it is; otherwise the config's directory becomes etc/nginx of a temp root, so its
 * relative includes resolve against the conf prefix as they do for nginx. `cleanup` removes
 * the temp root.
 */
export function corpusTree(relative: string): { root: string; config: string; cleanup: () => void } {
  const file = path.join(CORPUS, 'nginx', relative);
  const marker = file.lastIndexOf('/etc/nginx/');
  if (marker >= 0) return { root: file.slice(0, marker), config: file.slice(marker + 1), cleanup: () => undefined };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-corpus-'));
  fs.cpSync(path.dirname(file), path.join(root, 'etc/nginx'), { recursive: true, verbatimSymlinks: true });
  return { root, config: path.join('etc/nginx', path.basename(file)), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
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
 * Even `nginx -t` opens the pid file and every log file, and fails when their directory is
 * missing: on the deploy machine /var/log/nginx and /var/run exist. Create the directories the
 * copied configs name for them (already pointed into the temp prefix by the harness).
 */
export function createLogDirs(dir: string): void {
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/^\s*(?:pid|error_log|access_log)\s+([^\s;]+)/gm)) {
          const target = match[1].replace(/^["']|["']$/g, '');
          if (target.includes('$') || /^(?:syslog:|stderr|off$|memory:)/.test(target)) continue;
          const absolute = path.isAbsolute(target) ? target : path.join(dir, target);
          // Only inside the temp prefix: the harness never creates anything elsewhere.
          if (absolute.startsWith(dir + path.sep)) fs.mkdirSync(path.dirname(absolute), { recursive: true });
        }
      }
    }
  };
  walk(dir);
}
