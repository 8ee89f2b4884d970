import { KIND_TEXT, LOGIN_FAILURES, type EventKind, type LogEvent, type ServerKind } from './events';

/** When a run of failures counts as an attack (settable on the command line, documented). */
export interface Thresholds {
  /** Failed logins from one client within `windowSeconds` that make a brute-force or spraying suspect. */
  readonly failures: number;
  readonly windowSeconds: number;
  /** Distinct user names one client fails with before it is called password spraying. */
  readonly sprayUsers: number;
  /** Distinct clients failing as one user before it is called a distributed attempt. */
  readonly distributedClients: number;
}

/**
 * A copy of a value that is kept: a string cut from a log line is a view of the 1 MiB chunk it
 * was read in, and one kept client address (13 characters or more) would keep the whole chunk
 * alive — a 210 MB log held ~150 MB of chunks that way. Short strings are copies already.
 */
function owned(value: string): string {
  return value.length >= 13 ? (' ' + value).slice(1) : value;
}

export const DEFAULT_THRESHOLDS: Thresholds = { failures: 10, windowSeconds: 600, sprayUsers: 5, distributedClients: 5 };

/** Distinct values kept per set (users of a cause, clients of a user…): memory stays bounded whatever the log. */
const MAX_DISTINCT = 1000;
/** Clients tracked at the most: beyond it, new clients are counted but not listed. */
const MAX_CLIENTS = 200_000;
/**
 * Distinct values kept in all the sets together. Each set is bounded, but 200,000 clients each
 * with a set of 1,000 users is not: past this many, a set keeps counting the values it has and
 * stops taking new ones (its size is then "at least"), so memory is flat whatever the log.
 */
const MAX_STORED = 1_000_000;

export interface Cause {
  readonly key: string;
  readonly kind: EventKind;
  readonly server: ServerKind;
  readonly userFile: string | null;
  count: number;
  first: string | null;
  last: string | null;
  firstEpoch: number | null;
  lastEpoch: number | null;
  readonly users: Map<string, number>;
  readonly clients: Map<string, number>;
  /** Requests (host + path) seen, for linking the cause to the config. */
  readonly requests: Map<string, { host: string | null; path: string; method: string | null }>;
  readonly example: LogEvent;
}

export type AttackPattern = 'brute-force' | 'password-spraying' | 'distributed' | null;

export interface ClientStats {
  readonly client: string;
  failures: number;
  readonly users: Map<string, number>;
  first: string | null;
  last: string | null;
  /** The most failures seen within one window. */
  peakInWindow: number;
  /** Epochs of the latest failures (up to the threshold), for the sliding window. */
  readonly recent: number[];
  pattern: AttackPattern;
}

export interface TargetStats {
  readonly user: string;
  failures: number;
  readonly clients: Map<string, number>;
}

/**
 * The incremental analysis of a log's events: per cause, per client, per attacked user. It
 * keeps counters and bounded sets, never the events themselves, so memory is flat from a 10 MB
 * log to a 2 GB one.
 */
export class LogAnalysis {
  readonly causes = new Map<string, Cause>();
  readonly clients = new Map<string, ClientStats>();
  readonly targets = new Map<string, TargetStats>();
  clientsNotTracked = 0;
  /** Distinct values stored in the sets, against MAX_STORED; the sets that missed some. */
  private stored = 0;
  private readonly partial = new WeakSet<Map<string, number>>();
  events = 0;
  firstEpoch: number | null = null;
  lastEpoch: number | null = null;

  constructor(readonly thresholds: Thresholds = DEFAULT_THRESHOLDS) {}

  add(event: LogEvent): void {
    this.events++;
    if (event.epoch !== null) {
      if (this.firstEpoch === null || event.epoch < this.firstEpoch) this.firstEpoch = event.epoch;
      if (this.lastEpoch === null || event.epoch > this.lastEpoch) this.lastEpoch = event.epoch;
    }
    this.addToCause(event);
    if (LOGIN_FAILURES.has(event.kind)) this.addFailure(event);
  }

  private addToCause(event: LogEvent): void {
    const key = `${event.server}\0${event.kind}\0${event.userFile ?? ''}`;
    let cause = this.causes.get(key);
    if (!cause) {
      cause = { key, kind: event.kind, server: event.server, userFile: event.userFile, count: 0, first: null, last: null, firstEpoch: null, lastEpoch: null, users: new Map(), clients: new Map(), requests: new Map(), example: event };
      this.causes.set(key, cause);
    }
    cause.count++;
    if (event.time !== null && (cause.firstEpoch === null || (event.epoch ?? 0) < cause.firstEpoch)) {
      cause.first = event.time;
      cause.firstEpoch = event.epoch;
    }
    if (event.time !== null && (cause.lastEpoch === null || (event.epoch ?? 0) >= cause.lastEpoch)) {
      cause.last = event.time;
      cause.lastEpoch = event.epoch;
    }
    if (event.user !== null) this.bump(cause.users, event.user);
    if (event.client !== null) this.bump(cause.clients, event.client);
    if (event.path !== null && cause.requests.size < 50) cause.requests.set(owned(`${event.host ?? ''} ${event.path}`), { host: event.host === null ? null : owned(event.host), path: owned(event.path), method: event.method === null ? null : owned(event.method) });
  }

  private addFailure(event: LogEvent): void {
    const client = event.client ?? 'unknown';
    let stats = this.clients.get(client);
    if (!stats) {
      if (this.clients.size >= MAX_CLIENTS) {
        this.clientsNotTracked++;
        return;
      }
      const key = owned(client);
      stats = { client: key, failures: 0, users: new Map(), first: null, last: null, peakInWindow: 0, recent: [], pattern: null };
      this.clients.set(key, stats);
    }
    stats.failures++;
    if (event.user !== null) this.bump(stats.users, event.user);
    if (event.time !== null) {
      stats.first ??= event.time;
      stats.last = event.time;
    }
    if (event.epoch !== null) {
      stats.recent.push(event.epoch);
      if (stats.recent.length > this.thresholds.failures) stats.recent.shift();
      const windowStart = event.epoch - this.thresholds.windowSeconds * 1000;
      const inWindow = stats.recent.filter((epoch) => epoch >= windowStart).length;
      stats.peakInWindow = Math.max(stats.peakInWindow, inWindow);
    } else stats.peakInWindow = Math.max(stats.peakInWindow, Math.min(stats.failures, this.thresholds.failures));
    if (event.user !== null) {
      let target = this.targets.get(event.user);
      if (!target && this.targets.size < MAX_CLIENTS) {
        const key = owned(event.user);
        target = { user: key, failures: 0, clients: new Map() };
        this.targets.set(key, target);
      }
      if (target) {
        target.failures++;
        this.bump(target.clients, client);
      }
    }
  }

  /** Settle each client's pattern once everything is read. */
  finish(): void {
    const t = this.thresholds;
    const distributedUsers = new Set([...this.targets.values()].filter((target) => target.clients.size >= t.distributedClients).map((target) => target.user));
    for (const stats of this.clients.values()) {
      if (stats.users.size >= t.sprayUsers && stats.failures >= t.sprayUsers) stats.pattern = 'password-spraying';
      else if (stats.peakInWindow >= t.failures) stats.pattern = 'brute-force';
      else if ([...stats.users.keys()].some((user) => distributedUsers.has(user))) stats.pattern = 'distributed';
    }
  }

  /** Users tried from many clients (a distributed attempt), most clients first. */
  distributedTargets(): TargetStats[] {
    return [...this.targets.values()].filter((target) => target.clients.size >= this.thresholds.distributedClients).sort((a, b) => b.clients.size - a.clients.size || b.failures - a.failures);
  }

  /**
   * A cause that started well after the log did and went on to its end: "since 14:02, every
   * login fails with password mismatch" — it usually follows a deploy or a rewrite of the file.
   */
  suddenStart(cause: Cause): boolean {
    if (cause.firstEpoch === null || cause.lastEpoch === null || this.firstEpoch === null || this.lastEpoch === null || cause.count < 5) return false;
    const span = this.lastEpoch - this.firstEpoch;
    const quiet = cause.firstEpoch - this.firstEpoch;
    return quiet >= Math.max(30 * 60_000, span * 0.2) && this.lastEpoch - cause.lastEpoch <= Math.max(10 * 60_000, span * 0.05);
  }

  causeMessage(cause: Cause): string {
    return KIND_TEXT[cause.kind];
  }

  /** Count a value in a set: a new value is stored while the set and the run have room. */
  private bump(map: Map<string, number>, key: string): void {
    const count = map.get(key);
    if (count !== undefined) map.set(key, count + 1);
    else if (map.size < MAX_DISTINCT && this.stored < MAX_STORED) {
      map.set(owned(key), 1);
      this.stored++;
    } else this.partial.add(map);
  }

  /** Whether a set missed values (its size is a lower bound). */
  isPartial(map: ReadonlyMap<string, number>): boolean {
    return this.partial.has(map as Map<string, number>);
  }
}

/** The largest entries of a count map. */
export function top(map: ReadonlyMap<string, number>, n: number): { value: string; count: number }[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([value, count]) => ({ value, count }));
}
