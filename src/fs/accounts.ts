import type { PathResolver } from './rooted-paths';

export interface Account {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** The home directory (mod_userdir's relative UserDir entries). */
  readonly home?: string;
}

export interface Accounts {
  readonly users: ReadonlyMap<string, Account>;
  /** Group id → member names (supplementary members from etc/group). */
  readonly groupMembers: ReadonlyMap<number, readonly string[]>;
  readonly userById: ReadonlyMap<number, string>;
  readonly groupById: ReadonlyMap<number, string>;
}

/**
 * Users and groups of the server being linted: /etc/passwd and /etc/group as the server sees
 * them (under --root, the tree's own files). Missing files give empty tables.
 */
export function readAccounts(resolver: PathResolver): Accounts {
  const read = (serverPath: string): string => {
    const location = resolver.toDisk(serverPath);
    if (!location.ok || location.missing) return '';
    const read = resolver.readText(location.diskPath);
    return read.ok ? read.text : '';
  };
  const users = new Map<string, Account>();
  const userById = new Map<number, string>();
  for (const line of read('/etc/passwd').split('\n')) {
    const [name, , uid, gid, , home] = line.split(':');
    if (!name || uid === undefined || gid === undefined || name.startsWith('#')) continue;
    const account = { name, uid: Number(uid), gid: Number(gid), ...(home ? { home } : {}) };
    users.set(name, account);
    if (!userById.has(account.uid)) userById.set(account.uid, name);
  }
  const groupMembers = new Map<number, string[]>();
  const groupById = new Map<number, string>();
  for (const line of read('/etc/group').split('\n')) {
    const [name, , gid, members = ''] = line.split(':');
    if (!name || gid === undefined || name.startsWith('#')) continue;
    groupById.set(Number(gid), name);
    groupMembers.set(Number(gid), members.split(',').filter(Boolean));
  }
  return { users, groupMembers, userById, groupById };
}
