import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathResolver } from '../fs/rooted-paths';
import type { NamedLog } from './link-config';

/** A log file to read, and what is known of it. */
export interface LogInput {
  readonly diskPath: string;
  /** "-" for standard input. */
  readonly name: string;
  readonly size: number;
  readonly server?: 'nginx' | 'apache';
  readonly named?: NamedLog;
}

const LOG_NAME = /(?:^|[-_.])(?:error|access|ssl_error|ssl_access|other_vhosts_access)[-_.\w]*?(?:\.log)?(?:\.\d+)?(?:\.gz)?$|\.log(?:\.\d+)?(?:\.gz)?$/;

/**
 * The files named on the command line (a directory stands for its error and access logs,
 * rotated ones included), or — with no path and a config — the logs the config names and their
 * rotated siblings. Only regular files are read; under --root only files inside it. Rotated files
 * come first, oldest first, so that a log is read in time order.
 */
export function logInputs(given: readonly string[], namedByConfig: readonly NamedLog[], resolver: PathResolver, problems: { diskPath: string; message: string }[]): LogInput[] {
  const out: LogInput[] = [];
  const seen = new Set<string>();
  const add = (diskPath: string, named?: NamedLog): void => {
    if (seen.has(diskPath)) return;
    seen.add(diskPath);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(diskPath);
    } catch (error) {
      problems.push({ diskPath, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : 'cannot be read' });
      return;
    }
    if (!stat.isFile()) {
      problems.push({ diskPath, message: 'not a regular file; not read' });
      return;
    }
    if (!resolver.allows(diskPath)) {
      problems.push({ diskPath, message: 'lies outside the --root directory; not read' });
      return;
    }
    out.push({ diskPath, name: diskPath, size: stat.size, ...(serverOf(diskPath) ? { server: serverOf(diskPath) } : {}), ...(named ? { named } : {}) });
  };
  for (const item of given) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(item);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const names = fs.readdirSync(item).filter((name) => LOG_NAME.test(name));
      for (const name of sortRotated(names)) add(path.join(item, name));
    } else add(item);
  }
  if (given.length === 0) {
    for (const named of namedByConfig) {
      const dir = path.dirname(named.diskPath);
      const base = path.basename(named.diskPath);
      let siblings: string[] = [];
      try {
        siblings = fs.readdirSync(dir).filter((name) => name === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+(?:\\.gz)?$`).test(name));
      } catch {
        problems.push({ diskPath: named.diskPath, message: 'named by the config, but its directory cannot be read' });
      }
      if (!siblings.includes(base)) problems.push({ diskPath: named.diskPath, message: 'named by the config, but not there' });
      for (const name of sortRotated(siblings)) add(path.join(dir, name), named);
    }
  }
  return out;
}

/** error.log.3.gz, error.log.2.gz, error.log.1, error.log: the oldest first. */
function sortRotated(names: readonly string[]): string[] {
  const rotation = (name: string): number => Number(/\.(\d+)(?:\.gz)?$/.exec(name)?.[1] ?? 0);
  const stem = (name: string): string => name.replace(/\.\d+(?:\.gz)?$/, '');
  return [...names].sort((a, b) => (stem(a) < stem(b) ? -1 : stem(a) > stem(b) ? 1 : rotation(b) - rotation(a)));
}

function serverOf(diskPath: string): 'nginx' | 'apache' | undefined {
  if (/\/nginx\//.test(diskPath)) return 'nginx';
  if (/\/(apache2?|httpd)\//.test(diskPath)) return 'apache';
  return undefined;
}
