import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Accounts } from '../fs/accounts';

export interface Access {
  readonly readable: boolean;
  /** Why not: the file's mode, or a directory on the way that the user cannot enter. */
  readonly reason?: string;
}

function permits(stat: fs.Stats, uid: number, groups: ReadonlySet<number>, bit: number): boolean {
  if (uid === 0) return true; // root: the kernel ignores the mode bits for reading and searching
  if (stat.uid === uid) return (stat.mode & (bit << 6)) !== 0;
  if (groups.has(stat.gid)) return (stat.mode & (bit << 3)) !== 0;
  return (stat.mode & bit) !== 0;
}

/**
 * Whether `user` can open `diskPath` for reading, judged from mode bits as the kernel would:
 * read permission on the file and search (x) permission on every directory above it, up to
 * `top` (the --root directory, or /). ACLs, SELinux and AppArmor are not seen here.
 */
export function canRead(diskPath: string, top: string, user: string, accounts: Accounts): Access {
  const account = accounts.users.get(user);
  if (!account) return { readable: true };
  const groups = new Set<number>([account.gid]);
  for (const [gid, members] of accounts.groupMembers) if (members.includes(user)) groups.add(gid);
  const file = fs.statSync(diskPath);
  if (!permits(file, account.uid, groups, 4)) {
    return { readable: false, reason: `mode ${modeString(file.mode)} owned by ${owner(file, accounts)} gives ${user} no read permission` };
  }
  // Directories between the file and `top`; under --root the root directory itself stands
  // for "/" and its own mode (often a temp dir's 0700) says nothing about the server.
  const stop = path.resolve(top);
  for (let dir = path.dirname(diskPath); dir.startsWith(stop + path.sep) || (stop === '/' && dir === '/'); dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    if (!permits(stat, account.uid, groups, 1)) {
      return { readable: false, reason: `${user} cannot enter the directory ${dir} (mode ${modeString(stat.mode)}, owned by ${owner(stat, accounts)})` };
    }
    if (dir === '/') break;
  }
  return { readable: true };
}

export function modeString(mode: number): string {
  return '0' + (mode & 0o777).toString(8).padStart(3, '0');
}

export function owner(stat: fs.Stats, accounts: Accounts): string {
  const user = accounts.userById.get(stat.uid) ?? String(stat.uid);
  const group = accounts.groupById.get(stat.gid) ?? String(stat.gid);
  return `${user}:${group}`;
}
