import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadApache } from '../apache/load-all';
import type { ApacheModel } from '../apache/model';
import { explainApacheRequest } from '../apache/request/evaluate';
import { own, walkApacheScopes } from '../apache/scopes';
import type { Finding } from '../core/finding';
import { withConfPrefix, type PathResolver } from '../fs/rooted-paths';
import type { PlatformChoice } from '../htpasswd/platform';
import { lint } from '../lint';
import type { Placed } from '../nginx/config-tree';
import { NginxLoader } from '../nginx/loader';
import { NginxModel } from '../nginx/model';
import { explainRequest } from '../nginx/request/evaluate';
import { virtualServers } from '../nginx/request/servers';
import { apacheLogFormat, nginxLogFormat, type AccessFormat } from './access-formats';
import type { Cause } from './analyse';
import type { EventKind, ServerKind } from './events';

/** A log file a configuration names, as a path on this disk. */
export interface NamedLog {
  readonly diskPath: string;
  readonly serverPath: string;
  readonly kind: 'error' | 'access';
  /** The access-log format it is written in, when the config says. */
  readonly format?: AccessFormat;
}

/** Where in the configuration a cause comes from, and the rule that reports it. */
export interface CauseLink {
  readonly config: { readonly file: string; readonly line: number } | null;
  readonly ruleId: string | null;
  /** The finding's message, when a rule reports the cause: the why and the fix. */
  readonly finding: string | null;
}

export interface ConfigLink {
  readonly server: ServerKind;
  readonly mainConfig: string;
  readonly logs: readonly NamedLog[];
  readonly accessFormats: readonly AccessFormat[];
  isUserFile(serverPath: string): boolean;
  link(cause: Cause): CauseLink;
}

/**
 * The configuration behind the logs (--config): which log files it writes and in which
 * formats, which files are password files, and — for each cause — the directive responsible
 * and the rule that reports it. Uses the same loaders, request model and rules as lint and
 * explain, so a cause is linked exactly where `authlint` and `authlint explain` would point.
 */
export function loadConfigLink(config: string, resolver: PathResolver, platform: PlatformChoice): ConfigLink | { error: string } {
  const main = mainConfigOf(config);
  if (!main) return { error: `${config}: no nginx.conf, apache2.conf or httpd.conf there` };
  const findings = lint([main.file], { root: resolver.rootDir, platform: platform.platform }).findings;
  return main.server === 'nginx' ? nginxLink(main.file, resolver, platform, findings) : apacheLink(main.file, resolver, platform, findings);
}

function mainConfigOf(config: string): { server: ServerKind; file: string } | undefined {
  const isFile = (file: string): boolean => fs.existsSync(file) && fs.statSync(file).isFile();
  if (isFile(config)) return { server: /(apache2|httpd)\.conf$/.test(config) ? 'apache' : 'nginx', file: config };
  for (const [name, server] of [['nginx.conf', 'nginx'], ['apache2.conf', 'apache'], ['httpd.conf', 'apache'], ['conf/httpd.conf', 'apache']] as const) {
    if (isFile(path.join(config, name))) return { server, file: path.join(config, name) };
  }
  return undefined;
}

/** The password-file rules that explain each kind of failed login, most likely first. */
const FILE_RULES: Partial<Record<EventKind, readonly string[]>> = {
  'user-not-found': ['utf8-bom', 'whitespace-in-entry', 'line-endings', 'missing-colon', 'overlong-line-apache', 'invalid-username', 'htdigest-file-used-for-basic', 'empty-file'],
  'password-mismatch': ['plaintext-password', 'whitespace-in-entry', 'line-endings', 'htdigest-file-used-for-basic', 'ssha', 'malformed-hash', 'empty-hash', 'unsupported-scheme', 'duplicate-user'],
  'credentials-rejected': ['plaintext-password', 'utf8-bom', 'whitespace-in-entry', 'line-endings', 'unsupported-scheme'],
  'hash-unsupported': ['unsupported-scheme', 'libc-dependent-scheme', 'malformed-hash'],
  'user-file-unreadable': ['file-not-readable-by-worker'],
};

/**
 * The rule behind a cause: a finding on the directive itself first, else the password-file rule
 * that explains this kind of failure (a BOM for "user not found", plaintext for "mismatch").
 */
function ruleFor(findings: readonly Finding[], at: { file: string; line: number } | null, passwordFile: string | undefined, kind: EventKind): { ruleId: string | null; finding: string | null } {
  const onDirective = at ? findings.find((f) => f.file === at.file && f.line === at.line) : undefined;
  const preferred = (FILE_RULES[kind] ?? []).map((name) => `htpasswd/${name}`);
  const inFile = passwordFile ? findings.filter((f) => f.file === passwordFile && preferred.includes(f.ruleId)).sort((a, b) => preferred.indexOf(a.ruleId) - preferred.indexOf(b.ruleId))[0] : undefined;
  const chosen = onDirective ?? inFile;
  return { ruleId: chosen?.ruleId ?? null, finding: chosen?.message ?? null };
}

function nginxLink(main: string, resolver: PathResolver, platform: PlatformChoice, findings: readonly Finding[]): ConfigLink {
  const loader = new NginxLoader(resolver);
  const source = loader.read(main, resolver.serverPathOf(main));
  if ('error' in source) return emptyLink('nginx', main);
  const model = new NginxModel(loader.load(source, { isMain: true, context: 'main' }), resolver);
  const userFiles = new Map<string, Placed>();
  for (const [placed, state] of model.userFileStates()) if ('serverPath' in state && !userFiles.has(state.serverPath)) userFiles.set(state.serverPath, placed);
  const formats = new Map<string, AccessFormat>();
  const logs: NamedLog[] = [];
  const logDirectives: Placed[] = [];
  for (const scope of model.allScopes()) {
    for (const placed of scope.directives) {
      const name = placed.directive.name;
      const args = placed.directive.args.map((a) => a.value);
      if (name === 'log_format' && args.length >= 2) formats.set(args[0], nginxLogFormat(args[0], args.slice(args[1] === 'escape=json' || args[1]?.startsWith('escape=') ? 2 : 1).join('')));
      if (name === 'error_log' || name === 'access_log') logDirectives.push(placed);
    }
  }
  for (const placed of logDirectives) {
    const args = placed.directive.args.map((a) => a.value);
    if (!args[0] || args[0] === 'off' || args[0].startsWith('syslog:') || args[0] === 'stderr' || args[0].includes('$')) continue;
    const serverPath = withConfPrefix(args[0], model.confPrefix);
    const location = resolver.toDisk(serverPath);
    if (!location.ok) continue;
    const kind = placed.directive.name === 'error_log' ? 'error' : 'access';
    const format = kind === 'access' ? formats.get(args[1] ?? 'combined') : undefined;
    logs.push({ diskPath: location.diskPath, serverPath, kind, ...(format ? { format } : {}) });
  }
  const at = (placed: Placed | undefined) => (placed ? { file: placed.file.diskPath, line: placed.directive.range.start.line } : null);
  const listenPorts = [...new Set(virtualServers(model.servingScopes()).flatMap((server) => server.listens.map((listen) => listen.port)))];
  if (listenPorts.length === 0) listenPorts.push(80);
  return {
    server: 'nginx',
    mainConfig: main,
    logs,
    accessFormats: [...formats.values()],
    isUserFile: (serverPath) => userFiles.has(serverPath),
    link(cause) {
      let directive = cause.userFile ? userFiles.get(cause.userFile) : undefined;
      if (!directive) {
        // The message names no file (password mismatch, no credentials…): ask the request model
        // which location the request reached and which user file it reads there.
        const request = [...cause.requests.values()][0];
        if (request) {
          try {
            const url = new URL(`http://${request.host || 'localhost'}${request.path.startsWith('/') ? request.path : `/${request.path}`}`);
            // The Host header often has no port: try the ports the config listens on, in order.
            const ports = url.port ? [Number(url.port)] : listenPorts;
            for (const port of ports) {
              const explanation = explainRequest({ model, resolver, platform }, { host: url.hostname, port, uri: decodeURIComponent(url.pathname), args: url.search.slice(1), scheme: 'http', method: request.method ?? 'GET' });
              directive = cause.kind === 'access-denied' ? explanation.accessRules.at(-1) : (explanation.auth?.userFile?.placed ?? explanation.auth?.realm?.placed);
              if (directive) break;
            }
          } catch {
            directive = undefined;
          }
        }
      }
      const place = at(directive);
      const state = directive ? model.userFileStates().get(directive) : undefined;
      const passwordFile = state && 'diskPath' in state ? (state as { diskPath: string }).diskPath : undefined;
      return { config: place, ...ruleFor(findings, place, passwordFile, cause.kind) };
    },
  };
}

function apacheLink(main: string, resolver: PathResolver, platform: PlatformChoice, findings: readonly Finding[]): ConfigLink {
  const run = loadApache([{ diskPath: main, kind: 'apache', explicit: true }], resolver);
  const model: ApacheModel | undefined = run.models.find((m) => m.config.isMain);
  if (!model) return emptyLink('apache', main);
  const userFiles = new Map<string, { file: string; line: number }>();
  const formats = new Map<string, AccessFormat>();
  const logs: NamedLog[] = [];
  for (const scope of walkApacheScopes(model.root)) {
    for (const placed of own(scope, 'AuthUserFile')) {
      const serverPath = model.serverPath(placed.args[0] ?? '');
      if (!userFiles.has(serverPath)) userFiles.set(serverPath, { file: placed.file.diskPath, line: placed.directive.range.start.line });
    }
    for (const placed of own(scope, 'LogFormat')) if (placed.args[0] && placed.args[1]) formats.set(placed.args[1], apacheLogFormat(placed.args[1], placed.args[0]));
  }
  for (const scope of walkApacheScopes(model.root)) {
    for (const placed of [...own(scope, 'ErrorLog'), ...own(scope, 'CustomLog')]) {
      const value = placed.args[0];
      if (!value || value.startsWith('|') || value.startsWith('syslog')) continue;
      const serverPath = model.serverPath(value);
      const location = resolver.toDisk(serverPath);
      if (!location.ok) continue;
      const kind = /^errorlog$/i.test(placed.directive.name) ? 'error' : 'access';
      const formatArg = placed.args[1];
      const format = kind === 'access' && formatArg ? (formats.get(formatArg) ?? (formatArg.includes('%') ? apacheLogFormat('inline', formatArg) : undefined)) : undefined;
      logs.push({ diskPath: location.diskPath, serverPath, kind, ...(format ? { format } : {}) });
    }
  }
  return {
    server: 'apache',
    mainConfig: main,
    logs,
    accessFormats: [...formats.values()],
    isUserFile: (serverPath) => userFiles.has(serverPath),
    link(cause) {
      let place = cause.userFile ? (userFiles.get(cause.userFile) ?? null) : null;
      let passwordFile: string | undefined;
      if (!place) {
        const request = [...cause.requests.values()][0];
        if (request) {
          try {
            // Apache's error log names no host or port: the first Listen's port, and the default host.
            const port = Number(/(\d+)$/.exec(own(model.root, 'Listen')[0]?.args[0] ?? '')?.[1] ?? 80);
            const explanation = explainApacheRequest({ model, resolver, platform }, { host: request.host ?? 'localhost', port, uri: request.path.split('?')[0], args: '', scheme: 'http', method: request.method ?? 'GET' });
            // Authorization and access failures come from the Require lines; login failures from the user file.
            const directive = cause.kind === 'authz-failed' || cause.kind === 'access-denied' ? (explanation.auth.requires.at(-1) ?? explanation.auth.compat.at(-1)) : (explanation.auth.authUserFile ?? explanation.auth.requires.at(-1));
            if (directive) place = { file: directive.file.diskPath, line: directive.directive.range.start.line };
            const state = explanation.auth.authUserFile ? model.fileState(explanation.auth.authUserFile.args[0] ?? '') : undefined;
            if (state && 'diskPath' in state) passwordFile = state.diskPath;
          } catch {
            place = null;
          }
        }
      } else if (cause.userFile) {
        const state = model.fileState(cause.userFile);
        if ('diskPath' in state) passwordFile = state.diskPath;
      }
      return { config: place, ...ruleFor(findings, place, passwordFile, cause.kind) };
    },
  };
}

function emptyLink(server: ServerKind, main: string): ConfigLink {
  return { server, mainConfig: main, logs: [], accessFormats: [], isUserFile: () => false, link: () => ({ config: null, ruleId: null, finding: null }) };
}
