import * as fs from 'node:fs';
import type { FileRef } from '../core/file-ref';
import type { Accounts } from '../fs/accounts';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';
import { openRegularFile, readSpan } from '../fs/safe-read';
import { parseHtpasswd } from '../parsers/htpasswd/parser';
import { HtpasswdModel, type Consumer } from './model';
import type { PlatformChoice } from './platform';
import { UserRegister } from './user-register';
import { MAX_PASSWORD_FILE_BYTES, MAX_WINDOW_BYTES, scanPasswordFile, type PasswordFileFacts } from './windows';

/**
 * A password file of the run: its facts from the first pass, and its models — one per window,
 * made as they are asked for (a big file is never held whole).
 */
export interface PasswordFile {
  readonly file: FileRef;
  readonly facts: PasswordFileFacts;
  models(): Generator<HtpasswdModel>;
}

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
  /** Window size (tests make it small to check that windows read as a whole file does). */
  options: { windowBytes?: number } = {},
): { files: PasswordFile[]; problems: { diskPath: string; message: string }[] } {
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
  const files: PasswordFile[] = [];
  const problems: { diskPath: string; message: string }[] = [];
  for (const candidate of candidates.values()) {
    const opened = openRegularFile(candidate.diskPath, { confine: resolver.rootDir });
    if (!opened.ok) {
      problems.push({ diskPath: candidate.diskPath, message: opened.message });
      continue;
    }
    const { stat } = opened;
    if (stat.size > MAX_PASSWORD_FILE_BYTES) {
      fs.closeSync(opened.fd);
      problems.push({ diskPath: candidate.diskPath, message: `larger than ${MAX_PASSWORD_FILE_BYTES} bytes; not linted as a password file` });
      continue;
    }
    let facts: PasswordFileFacts;
    try {
      facts = scanPasswordFile(opened.fd, stat.size, options.windowBytes);
    } catch (error) {
      problems.push({ diskPath: candidate.diskPath, message: (error as Error).message });
      continue;
    } finally {
      // The second pass (models) reopens the file through the same checks.
      fs.closeSync(opened.fd);
    }
    if (facts.cutAtLine !== undefined) problems.push({ diskPath: candidate.diskPath, message: `line ${facts.cutAtLine} is longer than ${MAX_WINDOW_BYTES} bytes: linted as a password file up to it` });
    const file = { diskPath: candidate.diskPath, serverPath: candidate.serverPath };
    const consumers = candidate.consumers;
    files.push({
      file,
      facts,
      *models() {
        const again = openRegularFile(file.diskPath, { confine: resolver.rootDir });
        if (!again.ok) return;
        const users = new UserRegister();
        try {
          for (const [k, window] of facts.windows.entries()) {
            const parsed = parseHtpasswd(readSpan(again.fd, window.start, window.end - window.start), window.at);
            // File-wide facts stand in for the window's own: the views ask whether the file has
            // CR-only line ends, the rules whether it starts with a BOM or holds NUL bytes.
            const doc = { ...parsed, utf8Bom: facts.utf8Bom, utf16: facts.utf16, lineEnds: facts.lineEnds, byteLength: facts.byteLength, endsWithNewline: facts.endsWithNewline };
            yield new HtpasswdModel(file, doc, consumers, platform, stat, accounts, top, permissionsKnown, { facts, first: k === 0, users });
          }
        } finally {
          fs.closeSync(again.fd);
        }
      },
    });
  }
  return { files, problems };
}
