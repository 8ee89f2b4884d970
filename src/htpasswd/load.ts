import * as fs from 'node:fs';
import { describeFsError } from '../discover/discover';
import type { Accounts } from '../fs/accounts';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';
import type { NginxModel } from '../nginx/model';
import { parseHtpasswd } from '../parsers/htpasswd/parser';
import { HtpasswdModel, type Consumer } from './model';
import type { PlatformChoice } from './platform';

const MAX_BYTES = 16 * 1024 * 1024;

interface Candidate {
  readonly diskPath: string;
  readonly serverPath: string;
  readonly consumers: Consumer[];
}

/**
 * Gather every password file of the run — found by discovery or named by an
 * auth_basic_user_file that some request would open — each once, with the configurations
 * that read it, and build its model.
 */
export function loadHtpasswdFiles(
  discovered: readonly string[],
  nginx: readonly NginxModel[],
  resolver: PathResolver,
  platform: PlatformChoice,
  accounts: Accounts,
  /** Password files named by other servers' configurations (Apache's AuthUserFile). */
  others: readonly { diskPath: string; serverPath: string; consumer: Consumer }[] = [],
): { models: HtpasswdModel[]; problems: { diskPath: string; message: string }[] } {
  const candidates = new Map<string, Candidate>();
  const add = (diskPath: string, serverPath: string): Candidate => {
    const key = realPath(diskPath);
    let candidate = candidates.get(key);
    if (!candidate) {
      candidate = { diskPath: key, serverPath, consumers: [] };
      candidates.set(key, candidate);
    }
    return candidate;
  };
  for (const diskPath of discovered) add(diskPath, resolver.serverPathOf(diskPath));
  for (const model of nginx) {
    const inUse = model.userFilesInUse();
    for (const [placed, state] of model.userFileStates()) {
      if (state.kind !== 'file' || !inUse.has(placed)) continue;
      const candidate = add(state.diskPath, state.serverPath);
      const consumer: Consumer = {
        server: 'nginx',
        workerUser: model.workerUser,
        reference: { file: placed.file, range: placed.directive.args[0].range, chain: placed.chain },
      };
      const duplicate = candidate.consumers.some(
        (c) => c.reference.file.diskPath === consumer.reference.file.diskPath && c.reference.range.start.offset === consumer.reference.range.start.offset,
      );
      if (!duplicate) candidate.consumers.push(consumer);
    }
  }
  for (const other of others) {
    const candidate = add(other.diskPath, other.serverPath);
    if (!candidate.consumers.some((c) => c.reference.file.diskPath === other.consumer.reference.file.diskPath && c.reference.range.start.offset === other.consumer.reference.range.start.offset)) {
      candidate.consumers.push(other.consumer);
    }
  }
  const top = resolver.rootDir ?? '/';
  const permissionsKnown = !resolver.rooted || accounts.users.size > 0;
  const models: HtpasswdModel[] = [];
  const problems: { diskPath: string; message: string }[] = [];
  for (const candidate of candidates.values()) {
    try {
      const stat = fs.statSync(candidate.diskPath);
      if (stat.size > MAX_BYTES) {
        problems.push({ diskPath: candidate.diskPath, message: `larger than ${MAX_BYTES} bytes; not linted as a password file` });
        continue;
      }
      const doc = parseHtpasswd(fs.readFileSync(candidate.diskPath));
      const file = { diskPath: candidate.diskPath, serverPath: candidate.serverPath };
      models.push(new HtpasswdModel(file, doc, candidate.consumers, platform, stat, accounts, top, permissionsKnown));
    } catch (error) {
      problems.push({ diskPath: candidate.diskPath, message: describeFsError(error) });
    }
  }
  return { models, problems };
}
