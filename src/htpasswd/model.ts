import type * as fs from 'node:fs';
import type { ChainStep, FileRef } from '../core/file-ref';
import type { Range } from '../core/position';
import type { Accounts } from '../fs/accounts';
import type { HtpasswdDocument } from '../parsers/htpasswd/parser';
import type { Platform } from './compatibility';
import type { PlatformChoice } from './platform';
import { detectScheme, type Scheme } from './schemes';
import type { UserRegister } from './user-register';
import { viewFor, type Entry, type ServerName, type ServerView } from './views';
import type { PasswordFileFacts } from './windows';

/** A server configuration that reads this password file. */
export interface Consumer {
  readonly server: ServerName;
  /** The account the server's workers run as (they open the file). */
  readonly workerUser: string;
  /** The directive that names the file. */
  readonly reference: { readonly file: FileRef; readonly range: Range; readonly chain: readonly ChainStep[] };
}

/** Directives that read a password file, listed as related locations of its findings. */
const RELATED_SHOWN = 10;

/** Which part of its file a model holds: a big password file is read window by window. */
export interface FilePart {
  /** What is known of the whole file (line ends, the BOM, Apache's stop line, the suppressions). */
  readonly facts: PasswordFileFacts;
  /** The file's first window: the file-wide rules report there, once. */
  readonly first: boolean;
  /** The first entry of each user in the windows read so far (the duplicate check). */
  readonly users: UserRegister;
}

/**
 * A password file (or one window of a big one: `doc` holds its lines, `part` the file-wide
 * facts) with everything the rules ask about it: its lines as each consuming server reads them,
 * the scheme of every hash, who reads it, on which platform, and its file mode. A file no
 * configuration references is read with both servers' eyes.
 */
export class HtpasswdModel {
  readonly views: readonly ServerView[];

  constructor(
    readonly file: FileRef,
    readonly doc: HtpasswdDocument,
    readonly consumers: readonly Consumer[],
    readonly platform: PlatformChoice,
    readonly stat: fs.Stats,
    readonly accounts: Accounts,
    /** The directory permissions are checked up to (--root, or /). */
    readonly top: string,
    /**
     * Whether owners and modes on disk are the server's: true on a live system, and under
     * --root only for a full root filesystem (one with etc/passwd). A config repository's
     * checkout has the modes git gave it, which say nothing about the server.
     */
    readonly permissionsKnown: boolean,
    readonly part: FilePart,
  ) {
    const views: ServerView[] = [];
    const stopAfter = part.facts.firstTooLong?.line;
    for (const server of this.servers) views.push(viewFor(server, doc, views.find((view) => view.server === 'nginx'), stopAfter));
    this.views = views;
  }

  /** The servers whose semantics apply: the consumers', or both when nothing references the file. */
  get servers(): ServerName[] {
    // Asked per entry by some rules: worked out once (the consumers are fixed at construction).
    if (!this.serversCache) {
      const servers = [...new Set(this.consumers.map((consumer) => consumer.server))];
      this.serversCache = servers.length > 0 ? servers : ['nginx', 'apache'];
    }
    return this.serversCache;
  }

  private serversCache: ServerName[] | undefined;

  /** Every user line is user:realm:md5 — an htdigest file, whose second field is a realm, not a hash (decided over the whole file). */
  get isHtdigest(): boolean {
    return this.part.facts.isHtdigest;
  }

  /**
   * The scheme of each entry's hash (blanks around it left out: whitespace-in-entry reports
   * them), aligned with entries(): every scheme rule asks, so it is worked out once per entry.
   */
  entrySchemes(): readonly Scheme[] {
    this.entrySchemesCache ??= this.entries().map((entry) => detectScheme(/^[ \t\v\f]|[ \t\v\f]$/.test(entry.hash) ? entry.hash.replace(/^[ \t\v\f]+|[ \t\v\f]+$/g, '') : entry.hash));
    return this.entrySchemesCache;
  }

  private entrySchemesCache: readonly Scheme[] | undefined;

  get referenced(): boolean {
    return this.consumers.length > 0;
  }

  get platformId(): Platform {
    return this.platform.platform;
  }

  /**
   * Entries as the servers read them, one per line: where both views have the line, the
   * first view's entry stands for both (the user and hash are the same unless blanks differ,
   * which the whitespace rule reports on its own).
   */
  entries(): Entry[] {
    // Every rule asks; the file does not change under them.
    if (this.entriesCache) return this.entriesCache;
    const byLine = new Map<number, Entry>();
    // A line without ":" is htpasswd/missing-colon's alone: Apache takes the whole line as a
    // user name, and that line is usually "user hash" — a user rule would print the hash.
    for (const view of this.views) for (const entry of view.entries) if (!entry.withoutColon && !byLine.has(entry.line.number)) byLine.set(entry.line.number, entry);
    this.entriesCache = [...byLine.values()].sort((a, b) => a.line.number - b.line.number);
    return this.entriesCache;
  }

  private entriesCache: Entry[] | undefined;

  /** "nginx", "Apache", or "nginx and Apache": the servers reading the file, for messages. */
  serversText(servers: readonly ServerName[] = this.servers): string {
    return servers.map((server) => (server === 'nginx' ? 'nginx' : 'Apache')).join(' and ');
  }

  /**
   * Related locations pointing at the directives that reference the file: the first ten, and
   * the eleventh saying how many more (a file read by 8,000 locations would list 8,000).
   */
  referenceRelated(): { file: FileRef; range: Range; message: string }[] {
    // Asked per reported line: built once.
    return (this.relatedCache ??= this.consumers.slice(0, RELATED_SHOWN + 1).map((consumer, i) => ({
      file: consumer.reference.file,
      range: consumer.reference.range,
      message:
        i < RELATED_SHOWN || this.consumers.length === RELATED_SHOWN + 1
          ? `read by ${consumer.server} (workers run as ${consumer.workerUser})`
          : `read by ${consumer.server} here and by ${(this.consumers.length - RELATED_SHOWN - 1).toLocaleString('en')} more directives, not listed`,
    })));
  }

  private relatedCache: { file: FileRef; range: Range; message: string }[] | undefined;
}
