import type { Readable } from 'node:stream';
import { createColors } from 'picocolors';
import { PathResolver } from '../fs/rooted-paths';
import { choosePlatform } from '../htpasswd/platform';
import type { Platform } from '../htpasswd/compatibility';
import { DEFAULT_ACCESS_FORMATS } from '../logs/access-formats';
import { DEFAULT_THRESHOLDS, LogAnalysis, type Cause, type Thresholds } from '../logs/analyse';
import type { LogEvent } from '../logs/events';
import { logInputs, type LogInput } from '../logs/inputs';
import { loadConfigLink, type CauseLink, type ConfigLink } from '../logs/link-config';
import { parseLogLine, type LineOrigin } from '../logs/parse-line';
import { fileSource, forEachLine, stdinSource } from '../logs/read-lines';
import { fail2banJail, logsJson, logsText, type LogStats } from '../logs/report';

export interface LogsOptions {
  readonly paths: readonly string[];
  readonly config?: string;
  readonly root?: string;
  readonly platform?: Platform;
  readonly since?: number;
  readonly until?: number;
  readonly format: 'stylish' | 'json';
  readonly top: number;
  readonly maxEvents: number;
  readonly thresholds: Thresholds;
  readonly fail2ban: boolean;
  /** Colour the stylish report (the CLI decides, as for lint: a terminal, NO_COLOR, FORCE_COLOR). */
  readonly color: boolean;
  readonly stdin: Readable;
  /** Progress on a terminal (stderr), for inputs over a few MB; undefined when stderr is not a terminal. */
  readonly progress?: (text: string) => void;
}

export interface LogsOutcome {
  readonly report: string;
  readonly problems: { diskPath: string; message: string }[];
  readonly events: number;
  readonly inputs: number;
}

export class LogsError extends Error {}

const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;

/**
 * `authlint logs`: read error and access logs as a stream, turn each auth line into an event,
 * group the events by cause, link each cause to the configuration line and rule behind it
 * (--config), and find the clients that look like attacks.
 */
export async function runLogs(options: LogsOptions): Promise<LogsOutcome> {
  const resolver = new PathResolver(options.root);
  const platform = choosePlatform(resolver, options.platform);
  let link: ConfigLink | undefined;
  if (options.config !== undefined) {
    const loaded = loadConfigLink(options.config, resolver, platform);
    if ('error' in loaded) throw new LogsError(loaded.error);
    link = loaded;
  }
  const problems: { diskPath: string; message: string }[] = [];
  const fromStdin = options.paths.includes('-');
  const files = logInputs(options.paths.filter((p) => p !== '-'), link?.logs ?? [], resolver, problems);
  if (files.length === 0 && !fromStdin) {
    const why = problems.map((problem) => `${problem.diskPath}: ${problem.message}`).join('; ');
    throw new LogsError(options.paths.length === 0 && !link ? 'no log given (for example: authlint logs /var/log/nginx, or --config /etc/nginx to read the logs it names)' : `no log file could be read${why ? ` (${why})` : ''}`);
  }
  const analysis = new LogAnalysis(options.thresholds);
  const events: LogEvent[] = [];
  let eventsOmitted = 0;
  const started = process.hrtime.bigint();
  const stats = { lines: 0, matched: 0, bytes: 0, cutLines: 0 };
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  let doneBytes = 0;
  const year = new Date().getUTCFullYear();
  const accessFormatsOf = (file?: LogInput) => [...(file?.named?.format ? [file.named.format] : []), ...(link?.accessFormats ?? []), ...DEFAULT_ACCESS_FORMATS];

  const read = async (name: string, source: ReturnType<typeof fileSource>, file?: LogInput): Promise<void> => {
    const origin: { -readonly [K in keyof LineOrigin]: LineOrigin[K] } = {
      file: name,
      line: 0,
      accessServer: file?.server ?? link?.server ?? 'nginx',
      year,
      accessFormats: accessFormatsOf(file),
      ...(link ? { isUserFile: (serverPath: string) => link.isUserFile(serverPath) } : {}),
    };
    let lastShown = 0;
    const result = await forEachLine(
      source,
      (line, number) => {
        origin.line = number;
        const event = parseLogLine(line, origin);
        if (!event) return;
        if (options.since !== undefined && (event.epoch === null || event.epoch < options.since)) return;
        if (options.until !== undefined && (event.epoch === null || event.epoch > options.until)) return;
        stats.matched++;
        analysis.add(event);
        if (events.length < options.maxEvents) events.push(event);
        else eventsOmitted++;
      },
      (bytes) => {
        if (!options.progress || totalBytes < PROGRESS_MIN_BYTES || file === undefined) return;
        const percent = Math.floor(((doneBytes + bytes) / totalBytes) * 100);
        if (percent !== lastShown) {
          lastShown = percent;
          options.progress(`\rauthlint logs: ${percent}% (${name})`);
        }
      },
    );
    doneBytes += file?.size ?? 0;
    stats.lines += result.lines;
    stats.bytes += result.bytes;
    stats.cutLines += result.cutLines;
  };

  for (const file of files) {
    try {
      await read(file.name, fileSource(file.diskPath), file);
    } catch (error) {
      problems.push({ diskPath: file.diskPath, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    }
  }
  if (fromStdin) await read('-', stdinSource(options.stdin));
  options.progress?.('\r\x1b[K');
  analysis.finish();

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const logStats: LogStats = { files: [...files.map((f) => f.name), ...(fromStdin ? ['-'] : [])], lines: stats.lines, matched: stats.matched, bytes: stats.bytes, seconds, cutLines: stats.cutLines };
  const links = new Map<Cause, CauseLink | null>();
  const linkOf = (cause: Cause): CauseLink | null => {
    if (!link) return null;
    if (!links.has(cause)) links.set(cause, link.link(cause));
    return links.get(cause) ?? null;
  };
  const reportInput = { analysis, events, eventsOmitted, link: linkOf, stats: logStats, topN: options.top };
  let report = options.format === 'json' ? logsJson(reportInput) : logsText(reportInput, createColors(options.color));
  if (options.fail2ban) report += '\n' + fail2banJail(analysis, files);
  return { report, problems, events: analysis.events, inputs: files.length + (fromStdin ? 1 : 0) };
}

/** `--since`/`--until`: an ISO date or time (local time, like the logs), or an age: 30m, 2h, 7d. */
export function parseTimeBound(value: string, now: number = Date.now()): number | undefined {
  const age = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (age) return now - Number(age[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 's' | 'm' | 'h' | 'd'];
  const withZone = /(?:Z|[+-]\d\d:?\d\d)$/.test(value);
  const parsed = Date.parse(withZone ? value : `${value.length === 10 ? `${value}T00:00:00` : value}Z`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export { DEFAULT_THRESHOLDS };
