import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/** A command-line tool from Debian (htpasswd, mkpasswd), or undefined when missing. */
export function findTool(name: string): string | undefined {
  for (const dir of ['/usr/bin', '/usr/sbin', '/bin', '/usr/local/bin']) {
    if (fs.existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return undefined;
}

/** Run htpasswd -n with the password on stdin; returns the hash. */
export function htpasswdHash(flags: string[], password: string): string {
  const out = execFileSync(findTool('htpasswd') as string, ['-n', '-i', ...flags, 'u'], { input: `${password}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  return out.trim().slice('u:'.length);
}

/** Run mkpasswd (package whois) with the password on stdin. */
export function mkpasswdHash(method: string, password: string): string {
  return execFileSync(findTool('mkpasswd') as string, ['-s', '-m', method], { input: `${password}\n`, encoding: 'utf8' }).trim();
}
