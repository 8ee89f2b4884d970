import type { Accounts } from '../fs/accounts';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';
import { parseHtpasswd } from '../parsers/htpasswd/parser';
import { HtpasswdModel, type Consumer } from './model';
import type { PlatformChoice } from './platform';

const MAX_BYTES = 16 * 1024 * 1024;

interface Candidate {
  readonly diskPath: string;
  readonly serverPath: string;
  readonly consumers: Consumer[];
  /** file + offset of each consumer's reference, so a reference reached twice is added once (a set: no quadratic scan). */
  readonly referenceKeys: Set<string>;
}

/** A password file a configuration reads, and the directive (and workers) that read it. */
export interface UserFileReference {
  readonly diskPath: string;
  readonly serverPath: string;
  readonly consumer: Consumer;
}

const referenceKey = (consumer: Consumer): string => `${consumer.reference.file.diskPath}\0${consumer.reference.range.start.offset}`;

function addConsumer(candidate: Candidate, consumer: Consumer): void {
  const key = referenceKey(consumer);
  if (candidate.referenceKeys.has(key)) return;
  candidate.referenceKeys.add(key);
  candidate.consumers.push(consumer);
}

/**
 * Gather every password file of the run — found by discovery or named by a configuration
 * (an auth_basic_user_file some request would open, an AuthUserFile) — each once, with the
 * configurations that read it, and build its model.
 */
export function loadHtpasswdFiles(
  discovered: readonly string[],
  resolver: PathResolver,
  platform: PlatformChoice,
  accounts: Accounts,
  /** Password files the configurations read (nginx's auth_basic_user_file, Apache's AuthUserFile), with who reads them. */
  others: readonly UserFileReference[] = [],
  /** Whether modes and owners mean anything here (false in a config repository's checkout). */
  fileModes = true,
): { models: HtpasswdModel[]; problems: { diskPath: string; message: string }[] } {
  const candidates = new Map<string, Candidate>();
  const add = (diskPath: string, serverPath: string): Candidate => {
    const key = realPath(diskPath);
    let candidate = candidates.get(key);
    if (!candidate) {
      candidate = { diskPath: key, serverPath, consumers: [], referenceKeys: new Set() };
      candidates.set(key, candidate);
    }
    return candidate;
  };
  for (const diskPath of discovered) add(diskPath, resolver.serverPathOf(diskPath));
  for (const other of others) {
    addConsumer(add(other.diskPath, other.serverPath), other.consumer);
  }
  const top = resolver.rootDir ?? '/';
  const permissionsKnown = fileModes && (!resolver.rooted || accounts.users.size > 0);
  const models: HtpasswdModel[] = [];
  const problems: { diskPath: string; message: string }[] = [];
  for (const candidate of candidates.values()) {
    const read = resolver.readFile(candidate.diskPath, MAX_BYTES);
    if (!read.ok) {
      problems.push({ diskPath: candidate.diskPath, message: read.message });
      continue;
    }
    if (read.truncated) {
      problems.push({ diskPath: candidate.diskPath, message: `larger than ${MAX_BYTES} bytes; not linted as a password file` });
      continue;
    }
    const doc = parseHtpasswd(read.bytes);
    const file = { diskPath: candidate.diskPath, serverPath: candidate.serverPath };
    models.push(new HtpasswdModel(file, doc, candidate.consumers, platform, read.stat, accounts, top, permissionsKnown));
  }
  return { models, problems };
}
