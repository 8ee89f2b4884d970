import * as fs from 'node:fs';
import * as path from 'node:path';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';

/**
 * Configuration trees that are copies of a server's configuration directory lying elsewhere —
 * a config repository's checkout, a copy of another server's /etc/httpd — detected so that
 * (without --root) their paths are read from the copy, not from this machine:
 *
 * - nginx: a main nginx.conf whose absolute includes name a prefix other than where it lies
 *   (`include /etc/nginx/conf.d/*.conf;` in ./nginx/nginx.conf, with ./nginx/conf.d present): the
 *   prefix is what the include names minus the part found in the copy;
 * - Apache: a main apache2.conf / httpd.conf whose ServerRoot is not where it lies (httpd.conf in
 *   conf/ stands for ServerRoot/conf/httpd.conf, as on RHEL).
 *
 * A tree at its own prefix (/etc/nginx on this machine) is not a copy. Evidence only: with no
 * absolute include (nginx) or no ServerRoot (Apache), nothing is mounted; nor when one run holds
 * several copies of the same directory.
 */
export interface Relocation {
  readonly serverPrefix: string;
  readonly diskDir: string;
}

const MAX_READ = 1024 * 1024;

export interface RelocatedTrees {
  /** Copies that are the only copy of their server directory in the run: mounted for every file. */
  readonly shared: readonly Relocation[];
  /**
   * Several copies of the same server directory (a corpus, a repository with two sites'
   * /etc/nginx): each holds only for the files inside it, so the run is split per copy.
   */
  readonly contested: readonly Relocation[];
}

export function relocatedTrees(mainConfigs: readonly { diskPath: string; kind: string }[], resolver: PathResolver): RelocatedTrees {
  const out: Relocation[] = [];
  for (const file of mainConfigs) {
    const text = read(resolver, file.diskPath);
    if (text === undefined) continue;
    const found = file.kind === 'nginx' ? nginxPrefix(file.diskPath, text) : apachePrefix(file.diskPath, text);
    if (found && path.resolve(found.diskDir) !== found.serverPrefix && !out.some((r) => r.serverPrefix === found.serverPrefix && r.diskDir === found.diskDir)) out.push(found);
  }
  const unique = (r: Relocation): boolean => out.every((other) => other.serverPrefix !== r.serverPrefix || other.diskDir === r.diskDir);
  return { shared: out.filter(unique), contested: out.filter((r) => !unique(r)) };
}

function read(resolver: PathResolver, diskPath: string): string | undefined {
  const result = resolver.readText(diskPath, MAX_READ);
  return result.ok ? result.text : undefined;
}

function nginxPrefix(diskPath: string, text: string): Relocation | undefined {
  // The real directory: runs compare it with files' real paths (a tree reached through a link).
  const dir = realPath(path.dirname(path.resolve(diskPath)));
  for (const match of text.matchAll(/^[ \t]*include\s+["']?(\/[^\s;"']+)/gm)) {
    const parts = match[1].split('/').filter(Boolean);
    // The longest tail of the include (without its last, possibly glob, component) that exists in the copy.
    for (let cut = 0; cut < parts.length - 1; cut++) {
      const tail = parts.slice(cut, -1);
      if (tail.some((p) => /[*?[]/.test(p))) continue;
      if (tail.length > 0 && fs.existsSync(path.join(dir, ...tail))) return { serverPrefix: '/' + parts.slice(0, cut).join('/'), diskDir: dir };
    }
    const last = parts[parts.length - 1];
    if (parts.length > 1 && !/[*?[]/.test(last) && fs.existsSync(path.join(dir, last))) return { serverPrefix: '/' + parts.slice(0, -1).join('/'), diskDir: dir };
  }
  return undefined;
}

function apachePrefix(diskPath: string, text: string): Relocation | undefined {
  const match = /^[ \t]*ServerRoot\s+"?([^"\s]+)"?/im.exec(text);
  if (!match || !match[1].startsWith('/')) return undefined;
  // The real directory: runs compare it with files' real paths (a tree reached through a link).
  const dir = realPath(path.dirname(path.resolve(diskPath)));
  const root = path.basename(dir) === 'conf' && path.basename(diskPath) === 'httpd.conf' ? path.dirname(dir) : dir;
  return { serverPrefix: match[1].replace(/\/+$/, '') || '/', diskDir: root };
}

/**
 * Read one server's copy as the directory it copies (`authlint explain repo/nginx URL`): mount it
 * when its main config says where it belongs, as a lint run does. Nothing when under --root.
 */
export function mountRelocatedTree(resolver: PathResolver, mainConfig: string, kind: 'nginx' | 'apache'): void {
  if (resolver.rootDir !== undefined) return;
  for (const relocation of relocatedTrees([{ diskPath: mainConfig, kind }], resolver).shared) resolver.mount(relocation.serverPrefix, relocation.diskDir);
}
