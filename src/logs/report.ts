import { escapeControls } from '../reporters/redact';
import { VERSION } from '../version';
import { top, type Cause, type ClientStats, type LogAnalysis } from './analyse';
import type { LogEvent } from './events';
import type { CauseLink } from './link-config';

export interface LogStats {
  readonly files: readonly string[];
  readonly lines: number;
  readonly matched: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly cutLines: number;
}

export interface LogReportInput {
  readonly analysis: LogAnalysis;
  readonly events: readonly LogEvent[];
  readonly eventsOmitted: number;
  readonly link: (cause: Cause) => CauseLink | null;
  readonly stats: LogStats;
  readonly topN: number;
}

/** Causes, most events first. */
function orderedCauses(analysis: LogAnalysis): Cause[] {
  return [...analysis.causes.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

/** Clients with failures, suspects first, then by failures. */
function orderedClients(analysis: LogAnalysis): ClientStats[] {
  return [...analysis.clients.values()].sort((a, b) => Number(b.pattern !== null) - Number(a.pattern !== null) || b.failures - a.failures || (a.client < b.client ? -1 : 1));
}

const PATTERN_TEXT = {
  'brute-force': 'brute force: many failures in one window',
  'password-spraying': 'password spraying: one client, many user names',
  distributed: 'part of a distributed attempt: one user tried from many clients',
} as const;

/** The versioned JSON document (schemas/logs.schema.json). */
export function logsJson(input: LogReportInput): string {
  const { analysis } = input;
  const causes = orderedCauses(analysis).map((cause) => {
    const link = input.link(cause);
    return {
      kind: cause.kind,
      server: cause.server,
      count: cause.count,
      first: cause.first,
      last: cause.last,
      users: top(cause.users, input.topN).map((u) => u.value),
      clients: top(cause.clients, input.topN).map((c) => c.value),
      userFile: cause.userFile,
      config: link?.config ?? null,
      ruleId: link?.ruleId ?? null,
      message: analysis.causeMessage(cause),
      suddenStart: analysis.suddenStart(cause),
      example: { file: cause.example.file, line: cause.example.line, text: cause.example.text },
    };
  });
  const clients = orderedClients(analysis).slice(0, input.topN).map((client) => ({
    client: client.client,
    failures: client.failures,
    users: top(client.users, input.topN).map((u) => u.value),
    first: client.first,
    last: client.last,
    peakInWindow: client.peakInWindow,
    pattern: client.pattern,
  }));
  const targets = analysis.distributedTargets().slice(0, input.topN).map((target) => ({ user: target.user, failures: target.failures, clients: target.clients.size }));
  return (
    JSON.stringify(
      {
        formatVersion: 1,
        tool: { name: 'authlint', version: VERSION },
        thresholds: analysis.thresholds,
        events: input.events,
        causes,
        clients,
        targets,
        stats: { ...input.stats, events: analysis.events, eventsListed: input.events.length, eventsOmitted: input.eventsOmitted, clientsNotTracked: analysis.clientsNotTracked },
      },
      null,
      2,
    ) + '\n'
  );
}

/** The human report: causes with their config line and rule, then the clients, then attacked users. */
export function logsText(input: LogReportInput, color: { bold: (s: string) => string; red: (s: string) => string; yellow: (s: string) => string; dim: (s: string) => string }): string {
  const { analysis, stats } = input;
  const out: string[] = [];
  const mb = (stats.bytes / 1024 / 1024).toFixed(1);
  out.push(`${stats.lines.toLocaleString('en')} lines in ${stats.files.length} file${stats.files.length === 1 ? '' : 's'} (${mb} MB), ${analysis.events.toLocaleString('en')} auth event${analysis.events === 1 ? '' : 's'}, ${stats.seconds.toFixed(2)} s`);
  if (stats.cutLines > 0) out.push(color.dim(`${stats.cutLines} over-long line(s) were cut at 64 KiB`));
  const causes = orderedCauses(analysis);
  if (causes.length === 0) {
    out.push('', 'No authentication or authorization failure found.');
    return out.join('\n') + '\n';
  }
  out.push('', color.bold('Causes'));
  for (const cause of causes.slice(0, input.topN)) {
    const span = cause.first ? `, ${cause.first}${cause.last && cause.last !== cause.first ? ` → ${cause.last}` : ''}` : '';
    out.push(`  ${color.red(cause.kind)} (${cause.server}) — ${cause.count.toLocaleString('en')} event${cause.count === 1 ? '' : 's'}${span}`);
    out.push(`    ${analysis.causeMessage(cause)}${cause.userFile ? `: ${escapeControls(cause.userFile)}` : ''}`);
    const users = top(cause.users, 5).map((u) => `${quote(u.value)} (${u.count})`);
    const clients = top(cause.clients, 5).map((c) => `${c.value} (${c.count})`);
    if (users.length) out.push(`    users: ${users.join(', ')}${cause.users.size > 5 ? `, … ${cause.users.size - 5}${analysis.isPartial(cause.users) ? '+' : ''} more` : ''}`);
    if (clients.length) out.push(`    clients: ${clients.join(', ')}${cause.clients.size > 5 ? `, … ${cause.clients.size - 5}${analysis.isPartial(cause.clients) ? '+' : ''} more` : ''}`);
    if (analysis.suddenStart(cause)) out.push(`    ${color.yellow(`started suddenly at ${cause.first}`)} (the log goes back further): this usually follows a deploy, a reload or a rewrite of the password file`);
    const link = input.link(cause);
    if (link) {
      if (link.config) out.push(`    config: ${link.config.file}:${link.config.line}${link.ruleId ? `  rule: ${link.ruleId}` : ''}`);
      else out.push(color.dim('    config: no directive found for it'));
      if (link.finding) out.push(`    ${color.dim(`why: ${escapeControls(link.finding)}`)}`);
    }
    out.push(`    ${color.dim(`example: ${cause.example.file}:${cause.example.line}`)}`);
    out.push(`      ${color.dim(cause.example.text.slice(0, 300))}`);
  }
  if (causes.length > input.topN) out.push(color.dim(`  … ${causes.length - input.topN} more causes (--top)`));
  const clients = orderedClients(analysis);
  if (clients.length > 0) {
    out.push('', color.bold('Clients with failed logins'));
    const t = analysis.thresholds;
    out.push(color.dim(`  (a suspect: ≥ ${t.failures} failures within ${t.windowSeconds} s, ≥ ${t.sprayUsers} user names, or a user tried from ≥ ${t.distributedClients} clients)`));
    for (const client of clients.slice(0, input.topN)) {
      const flag = client.pattern ? `  ${color.red(PATTERN_TEXT[client.pattern])}` : '';
      out.push(`  ${client.client.padEnd(39)} ${String(client.failures).padStart(7)} failures, ${client.users.size}${analysis.isPartial(client.users) ? '+' : ''} user${client.users.size === 1 ? '' : 's'}, peak ${client.peakInWindow} per window${flag}`);
    }
    if (clients.length > input.topN) out.push(color.dim(`  … ${clients.length - input.topN} more clients (--top)`));
  }
  const targets = analysis.distributedTargets();
  if (targets.length > 0) {
    out.push('', color.bold('Users tried from many clients'));
    for (const target of targets.slice(0, input.topN)) out.push(`  ${quote(target.user)}: ${target.failures} failures from ${target.clients.size}${analysis.isPartial(target.clients) ? '+' : ''} clients`);
  }
  return out.join('\n') + '\n';
}

/** A fail2ban jail for what was seen, printed only with --fail2ban. */
export function fail2banJail(analysis: LogAnalysis, files: readonly { name: string; server?: string }[]): string {
  const t = analysis.thresholds;
  const servers = new Set([...analysis.causes.values()].map((cause) => cause.server));
  const out: string[] = ['# /etc/fail2ban/jail.d/authlint.local — suggested from this log; check it with fail2ban-regex before enabling'];
  for (const server of ['nginx', 'apache'] as const) {
    if (!servers.has(server)) continue;
    const logs = files.filter((f) => f.name !== '-' && (f.server === server || f.server === undefined) && /error/.test(f.name) && !/\.(gz|\d+)$/.test(f.name)).map((f) => f.name);
    out.push(
      '',
      `[${server === 'nginx' ? 'nginx-http-auth' : 'apache-auth'}]`,
      'enabled  = true',
      `filter   = ${server === 'nginx' ? 'nginx-http-auth' : 'apache-auth'}`,
      `logpath  = ${logs.length > 0 ? logs.join('\n           ') : server === 'nginx' ? '/var/log/nginx/error.log' : '/var/log/apache2/error.log'}`,
      `maxretry = ${t.failures}`,
      `findtime = ${t.windowSeconds}`,
      'bantime  = 3600',
    );
  }
  return out.join('\n') + '\n';
}

function quote(value: string): string {
  return escapeControls(JSON.stringify(value));
}
