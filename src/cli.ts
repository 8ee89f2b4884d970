import * as fs from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ExitCode } from './core/exit-codes';
import { reaches, SEVERITIES, type Severity } from './core/severity';
import type { FileKind } from './discover/classify';
import type { RuleSetting } from './engine/run-rules';
import { parseNginxDump, writeDump } from './discover/nginx-dump';
import { lint, type LintResult } from './lint';
import { ConfigError } from './config/config-file';
import { lintConfigured } from './config/lint-configured';
import { completionScript, SHELLS, type CompletionData, type Shell } from './commands/completion';
import { DEFAULT_THRESHOLDS } from './logs/analyse';
import { FORMAT_NAMES, renderReport, type FormatName } from './reporters';
import { escapeControls, maskHashes } from './reporters/redact';
import { RULE_METAS, findRuleMeta } from './rules';
import { docsUrl } from './engine/rule';
import { VERSION } from './version';
import { describeFsError } from './fs/safe-read';
import { PathResolver } from './fs/rooted-paths';
import { mountRelocatedTree } from './discover/relocated-trees';
import { MAX_STDIN_BYTES, readStdin } from './fs/stdin';
import { readRegularFile } from './fs/safe-read';
import { PLATFORMS, platformName, type Platform } from './htpasswd/compatibility';
import { choosePlatform } from './htpasswd/platform';
import type { ServerName } from './htpasswd/views';
import { isDirectory } from './fs/stat-kind';

class UsageError extends Error {}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly stdoutIsTTY: boolean;
  /** All of standard input (for `nginx -T | authlint -`); default: read file descriptor 0. */
  readonly stdin?: () => string;
  /** Standard input as a stream (for `authlint logs -`); default: process.stdin. */
  readonly stdinStream?: NodeJS.ReadableStream & import('node:stream').Readable;
  /** Whether standard error is a terminal (progress bars go there, never into pipes). */
  readonly stderrIsTTY?: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

interface LintArgs {
  paths: string[];
  'inline-config': boolean;
  'file-modes': boolean;
  platform?: Platform;
  root?: string;
  format: FormatName;
  'fail-on'?: Severity;
  config?: string | false;
  quiet: boolean;
  'max-warnings'?: number;
  rule?: string[];
  type?: FileKind;
  color?: boolean;
  output?: string;
  debug: boolean;
}

/** Run the command line; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`authlint: ${error.message}\nRun 'authlint --help' for usage.\n`);
      return EXIT_USAGE;
    }
    const detail = debug && error instanceof Error ? `\n${error.stack}` : ' (run with --debug for details)';
    io.stderr(`authlint: internal error: ${(error as Error)?.message ?? String(error)}${detail}\n`);
    return ExitCode.INTERNAL;
  }
}

/** How "-" (standard input) reaches the lint command's paths. */
const STDIN_PATH = '<stdin>';

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // Handlers only record what to do; it runs after parsing, so that it may be asynchronous.
  let action: (() => number | Promise<number>) | undefined;
  // yargs drops a lone "-"; it stands for standard input (an nginx -T dump), so pass it on in a form yargs keeps.
  // Everything after "--" is a path, even one that starts with "-" (yargs would drop them).
  const dashes = argv.indexOf('--');
  const afterDashes = dashes < 0 ? [] : argv.slice(dashes + 1);
  const args = (dashes < 0 ? argv : argv.slice(0, dashes)).map((arg) => (arg === '-' ? STDIN_PATH : arg));
  const parser = yargs(args)
    .scriptName('authlint')
    .usage('$0 [options] <path...>\n\nLint nginx, Apache and htpasswd auth configuration: find what answers 401 or serves a protected area without a password.')
    .command<LintArgs>(
      '$0 [paths..]',
      'lint configuration files and directories (e.g. /etc/nginx)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [], describe: 'files or directories; - reads an nginx -T dump from standard input' })
          .option('root', { type: 'string', describe: 'resolve absolute paths inside configs under DIR (a repo that mirrors /)' })
          .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'stylish' as FormatName, describe: 'output format' })
          .option('fail-on', { choices: SEVERITIES, describe: 'exit 1 when a finding has at least this severity (default: the config file\'s failOn, else warning)' })
          .option('config', { alias: 'c', type: 'string', describe: 'use this configuration file (.authlintrc.json/.yaml, or a package.json with an "authlint" key) instead of looking for one; --no-config uses none' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'report errors only (warnings and info are neither shown nor counted)' })
          .option('max-warnings', { type: 'number', describe: 'exit 1 when there are more than N warnings, even if no finding reaches --fail-on' })
          // Not an array option: yargs would let it swallow the paths after it (--rule x=off /etc/nginx).
          .option('rule', { type: 'string', describe: 'RULE=error|warning|info|off (repeatable)', coerce: (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]) })
          .option('type', { choices: ['nginx', 'apache', 'htaccess', 'htpasswd'] as const, describe: 'treat the given files as this kind' })
          .option('color', { type: 'boolean', describe: 'force colour on or off (default: on for a terminal; NO_COLOR and FORCE_COLOR are honoured)' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of standard output' })
          .option('platform', { choices: PLATFORMS, describe: "the C library that verifies hashes (default: from the server's /etc/os-release)" })
          .option('file-modes', { type: 'boolean', default: true, describe: 'check file modes and owners (--no-file-modes in a config repository: a git checkout does not carry them)' })
          .option('inline-config', { type: 'boolean', default: true, describe: 'honour # authlint-disable-… comments (--no-inline-config ignores them, e.g. in CI)' })
          .option('debug', { type: 'boolean', default: false, describe: 'show stack traces of internal errors' }),
      (args) => {
        action = () => lintCommand({ ...args, paths: [...args.paths, ...afterDashes] }, io);
      },
    )
    .command(
      'explain <config> <url>',
      'explain which server (nginx) or virtual host (Apache) and which location or directory a request hits, what auth applies there, and the status the server answers',
      (y) =>
        y
          .positional('config', { type: 'string', demandOption: true, describe: 'a directory with nginx.conf, apache2.conf or httpd.conf (/etc/nginx, /etc/apache2, /etc/httpd), the main config file, or - for an nginx -T dump on standard input' })
          .positional('url', { type: 'string', demandOption: true, describe: 'http://host[:port]/path — the host and port choose the server' })
          .option('method', { alias: 'X', type: 'string', default: 'GET', describe: 'the request method (GET, POST, OPTIONS…): limit_except, <Limit> and Require method depend on it' })
          .option('user', { type: 'string', describe: 'also predict a login as USER (password from standard input, or asked for without echo)' })
          .option('client', { type: 'string', describe: 'the client address, for allow/deny rules' })
          .option('auth-answer', { type: 'number', describe: 'assume the auth_request service (oauth2-proxy, Authelia…) answers this status (200, 401, 403…): shows what the client gets then, error_page to the login portal included' })
          .option('root', { type: 'string', describe: 'resolve absolute paths inside configs under DIR' })
          .option('platform', { choices: PLATFORMS, describe: 'the C library that verifies hashes (default: from /etc/os-release)' })
          .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const }),
      (args) => {
        action = () => explainCommand(args as unknown as ExplainArgs, io);
      },
    )
    .command(
      'passwd check <file> <user>',
      'check a password (read from standard input, or asked for without echo) against a password file, as the server would',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true })
          .positional('user', { type: 'string', demandOption: true })
          .option('server', { choices: ['nginx', 'apache'] as const, describe: 'whose reading of the file to use (default: the server installed under --root or on this machine, else nginx)' })
          .option('platform', { choices: PLATFORMS, describe: 'the C library that verifies hashes (default: from /etc/os-release)' })
          .option('root', { type: 'string', describe: 'the server\'s file system, for /etc/os-release' })
          .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const }),
      (args) => {
        action = () => passwdCheckCommand(args as unknown as PasswdArgs, io);
      },
    )
    .command<{ format: 'text' | 'json' }>(
      'rules',
      'list every rule with its default severity and description',
      (y) => y.option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }),
      (args) => {
        if (args.format === 'json') {
          const rules = RULE_METAS.map((meta) => ({ id: meta.id, severity: meta.severity, description: meta.description, docsUrl: docsUrl(meta.id) }));
          io.stdout(JSON.stringify({ formatVersion: 1, tool: { name: 'authlint', version: VERSION }, rules }, null, 2) + '\n');
        } else for (const meta of RULE_METAS) io.stdout(`${meta.id.padEnd(48)} ${meta.severity.padEnd(8)} ${meta.description}\n`);
      },
    )
    .command<LogsArgs>(
      'logs [paths..]',
      'read nginx and Apache error and access logs: group auth failures by cause, link each cause to the config line and rule (--config), and find brute force',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [], describe: 'log files, directories (/var/log/nginx: its error and access logs, rotated and .gz ones too), or - for standard input' })
          .option('config', { type: 'string', describe: 'the server config (/etc/nginx, /etc/apache2): link causes to its directives and rules, read its log formats, and — with no path — the logs it names' })
          .option('root', { type: 'string', describe: 'resolve the config\'s absolute paths (and its log files) under DIR' })
          .option('platform', { choices: PLATFORMS, describe: 'the C library that verifies hashes (for the rules a cause links to)' })
          .option('since', { type: 'string', describe: 'only events at or after T: 2026-11-29, 2026-11-29T14:00, or an age: 30m, 2h, 7d' })
          .option('until', { type: 'string', describe: 'only events at or before T (same forms as --since)' })
          .option('format', { alias: 'f', choices: ['stylish', 'json'] as const, default: 'stylish' as const, describe: 'output format (json: schemas/logs.schema.json)' })
          .option('top', { type: 'number', default: 10, describe: 'how many causes, clients, users to list' })
          .option('max-events', { type: 'number', default: 10000, describe: 'events listed in JSON at the most (all are counted)' })
          .option('threshold', { type: 'number', default: DEFAULT_THRESHOLDS.failures, describe: 'failed logins from one client within --window that make it a brute-force suspect' })
          .option('window', { type: 'string', default: '10m', describe: 'the window for --threshold: 90s, 10m, 1h' })
          .option('spray-users', { type: 'number', default: DEFAULT_THRESHOLDS.sprayUsers, describe: 'user names one client fails with before it is called password spraying' })
          .option('distributed-clients', { type: 'number', default: DEFAULT_THRESHOLDS.distributedClients, describe: 'clients failing as one user before it is called a distributed attempt' })
          .option('fail2ban', { type: 'boolean', default: false, describe: 'also print a fail2ban jail suggestion for what was seen' }),
      (args) => {
        action = () => logsCommand(args, io);
      },
    )
    .command<ProbeArgs>(
      'probe <url>',
      'replicate the 401 live: request URL anonymously, with credentials that cannot be valid and with yours; read the challenge; compare with what the config predicts (--config)',
      (y) =>
        y
          .positional('url', { type: 'string', demandOption: true, describe: 'http:// or https:// URL (no credentials in it)' })
          .option('user', { type: 'string', describe: 'also log in as USER (password from standard input, or asked for without echo)' })
          .option('bearer', { type: 'string', describe: 'also send a Bearer token: "-" reads it from standard input (never put a token on the command line)' })
          .option('method', { alias: 'X', type: 'string', default: 'GET', describe: 'the request method' })
          .option('header', { alias: 'H', type: 'string', describe: "an extra request header, 'Name: value' (repeatable)" })
          .option('origin', { type: 'string', describe: 'also send a CORS preflight (OPTIONS) from this origin, as a browser would before a cross-origin call' })
          .option('config', { type: 'string', describe: 'the server config (/etc/nginx, /etc/apache2): put what it predicts beside the live answer' })
          .option('root', { type: 'string', describe: 'resolve the config\'s absolute paths under DIR' })
          .option('resolve', { type: 'string', describe: 'HOST:PORT:ADDRESS — connect to ADDRESS for HOST:PORT (repeatable, as curl --resolve)' })
          .option('insecure', { alias: 'k', type: 'boolean', default: false, describe: 'go on when the TLS certificate is invalid (reported as a finding)' })
          .option('timeout', { type: 'number', default: 10, describe: 'seconds to wait for each answer' })
          .option('max-redirects', { type: 'number', default: 5, describe: 'redirects followed at the most (credentials only to the same origin, never https → http)' })
          .option('format', { alias: 'f', choices: ['stylish', 'json'] as const, default: 'stylish' as const, describe: 'output format (json: schemas/probe.schema.json)' }),
      (args) => {
        action = () => probeCliCommand(args, io);
      },
    )
    .command<{ shell: Shell }>(
      'completion <shell>',
      'print a shell completion script (bash: eval "$(authlint completion bash)"; fish: > ~/.config/fish/completions/authlint.fish)',
      (y) => y.positional('shell', { choices: SHELLS, demandOption: true }),
      (args) => {
        action = () => {
          io.stdout(completionScript(args.shell, completionData()));
          return EXIT_OK;
        };
      },
    )
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .alias('version', 'v')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error && !(error instanceof UsageError) && message === undefined ? error : new UsageError(withoutEchoedArguments(message ?? error?.message ?? 'invalid usage'));
    });
  let helpOrVersion = '';
  parser.parse(args, {}, (_error, _parsed, output) => {
    helpOrVersion = output;
  });
  if (helpOrVersion) io.stdout(helpOrVersion + '\n');
  return action ? action() : EXIT_OK;
}

interface ExplainArgs {
  config: string;
  url: string;
  method: string;
  user?: string;
  client?: string;
  authAnswer?: number;
  root?: string;
  platform?: Platform;
  format: 'text' | 'json';
}

async function explainCommand(args: ExplainArgs, io: CliIo): Promise<number> {
  // Loaded here, not at start-up: linting one file (the pre-commit case) never needs them.
  const { explain, ExplainError, explanationJson, explanationText } = await import('./commands/explain');
  const { readPassword } = await import('./commands/read-password');
  if (args.root !== undefined && !isDirectory(path.resolve(io.cwd, args.root))) throw new UsageError(`--root ${args.root}: not a directory`);
  if (args.config === STDIN_PATH) return explainNginxDump(args, io);
  const resolver = new PathResolver(args.root === undefined ? undefined : path.resolve(io.cwd, args.root));
  const credentials = args.user !== undefined ? { user: args.user, password: await readPassword(`Password for ${args.user}: `) } : undefined;
  const apacheMain = apacheMainConfig(path.resolve(io.cwd, args.config));
  const nginxMain = apacheMain ? undefined : nginxMainConfig(path.resolve(io.cwd, args.config));
  // A checkout (repo/nginx whose nginx.conf includes /etc/nginx/conf.d/*.conf) is read as the directory it copies.
  if (apacheMain) mountRelocatedTree(resolver, apacheMain, 'apache');
  else if (nginxMain) mountRelocatedTree(resolver, nginxMain, 'nginx');
  if (apacheMain) {
    const { explainApache, apacheExplanationJson, apacheExplanationText } = await import('./commands/explain-apache');
    const result = explainApache({ mainConfig: apacheMain, url: args.url, method: args.method, client: args.client, credentials, resolver, platform: choosePlatform(resolver, args.platform) });
    if ('error' in result) throw new UsageError(result.error);
    if (args.format === 'json') io.stdout(JSON.stringify(apacheExplanationJson(result.explanation, result.model, credentials !== undefined), null, 2) + '\n');
    else io.stdout(apacheExplanationText(result.explanation, io.cwd));
    return EXIT_OK;
  }
  let result;
  try {
    result = explain({
      config: path.resolve(io.cwd, args.config),
      url: args.url,
      method: args.method,
      client: args.client,
      authAnswer: authAnswerOf(args.authAnswer),
      credentials,
      resolver,
      platform: choosePlatform(resolver, args.platform),
    });
  } catch (error) {
    if (error instanceof ExplainError) throw new UsageError(error.message);
    throw error;
  }
  if (args.format === 'json') io.stdout(JSON.stringify(explanationJson(result.explanation, result.model, credentials !== undefined), null, 2) + '\n');
  else {
    io.stdout(explanationText(result.explanation, result.model, io.cwd));
    if (result.syntaxErrors > 0) io.stdout(`warning: the configuration has ${result.syntaxErrors} syntax error(s); nginx -t would refuse it (run authlint on it)\n`);
  }
  return EXIT_OK;
}

/** `nginx -T | authlint explain - URL`: explain against exactly what the running nginx loaded. */
async function explainNginxDump(args: ExplainArgs, io: CliIo): Promise<number> {
  if (args.root !== undefined) throw new UsageError('--root cannot be used with "-": an nginx -T dump names the paths of the machine it came from');
  if (args.user !== undefined) throw new UsageError('--user reads the password from standard input, which carries the nginx -T dump here: save the dump and use --root, or leave out --user');
  const { explain, ExplainError, explanationJson, explanationText } = await import('./commands/explain');
  const files = parseNginxDump(readDumpInput(io));
  if (files.length === 0) throw new UsageError('standard input is not an nginx -T dump (no "# configuration file …:" line): run nginx -T | authlint explain - URL');
  const dump = writeDump(files);
  try {
    const resolver = new PathResolver(undefined, dump.dir);
    let result;
    try {
      result = explain({ config: path.join(dump.dir, path.resolve('/', files[0].path)), url: args.url, method: args.method, client: args.client, authAnswer: authAnswerOf(args.authAnswer), resolver, platform: choosePlatform(resolver, args.platform) });
    } catch (error) {
      if (error instanceof ExplainError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout(args.format === 'json' ? JSON.stringify(explanationJson(result.explanation, result.model, false), null, 2) + '\n' : explanationText(result.explanation, result.model, io.cwd));
    return EXIT_OK;
  } finally {
    dump.remove();
  }
}

interface PasswdArgs {
  file: string;
  user: string;
  server?: ServerName;
  platform?: Platform;
  root?: string;
  format: 'text' | 'json';
}

async function passwdCheckCommand(args: PasswdArgs, io: CliIo): Promise<number> {
  const { passwdCheck } = await import('./htpasswd/check-login');
  const { readPassword } = await import('./commands/read-password');
  const file = path.resolve(io.cwd, args.file);
  try {
    if (!fs.statSync(file).isFile()) throw new UsageError(`${args.file}: not a regular file`);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.stderr(`authlint: ${args.file}: ${describeFsError(error)}\n`);
    return EXIT_USAGE;
  }
  if (args.root !== undefined && !isDirectory(path.resolve(io.cwd, args.root))) throw new UsageError(`--root ${args.root}: not a directory`);
  const resolver = new PathResolver(args.root === undefined ? undefined : path.resolve(io.cwd, args.root));
  const password = await readPassword(`Password for ${args.user}: `);
  const read = readRegularFile(file, { maxBytes: 16 * 1024 * 1024 });
  if (!read.ok) {
    io.stderr(`authlint: ${args.file}: ${read.message}\n`);
    return EXIT_USAGE;
  }
  const result = passwdCheck({
    bytes: read.bytes,
    user: args.user,
    password,
    server: args.server ?? installedServer(resolver),
    platform: choosePlatform(resolver, args.platform),
  });
  if (args.format === 'json') io.stdout(JSON.stringify(result, null, 2) + '\n');
  else {
    const verdict = result.undecided ? 'UNDECIDED' : result.matches ? 'MATCH' : 'NO MATCH';
    io.stdout(`${verdict}: ${result.reason}\n`);
    for (const note of result.notes) io.stdout(`note: ${note}\n`);
    io.stdout(`(read as ${result.server} reads it; hashes verified as on ${platformName(result.platform)})\n`);
  }
  return result.undecided ? ExitCode.UNDECIDED : result.matches ? EXIT_OK : EXIT_FINDINGS;
}

/**
 * yargs names unknown arguments back ("Unknown argument: S3cret"). An extra word after
 * `passwd check FILE USER` is most likely a password typed on the command line: unknown options
 * (words starting with "-") are named, other words only counted.
 */
function withoutEchoedArguments(message: string): string {
  const match = /^Unknown arguments?: (.*)$/s.exec(message);
  if (!match) return message;
  const words = match[1].split(', ');
  const options = words.filter((word) => word.startsWith('-'));
  const others = words.length - options.length;
  const parts = [
    ...(options.length > 0 ? [`unknown option${options.length > 1 ? 's' : ''}: ${options.join(', ')}`] : []),
    ...(others > 0 ? [`${others} argument${others > 1 ? 's' : ''} too many (not shown: never put a password on the command line — passwd check reads it from standard input)`] : []),
  ];
  return parts.join('; ');
}

/** What each command accepts, for completion scripts (a test checks it against --help). */
function completionData(): CompletionData {
  const common = { '--help': null, '--version': null };
  return {
    commands: {
      '': {
        ...common, '--root': null, '--format': FORMAT_NAMES, '--fail-on': SEVERITIES, '--config': null, '--quiet': null, '--max-warnings': null, '--rule': null,
        '--type': ['nginx', 'apache', 'htaccess', 'htpasswd'], '--color': null, '--output': null, '--platform': PLATFORMS, '--file-modes': null, '--inline-config': null, '--debug': null,
      },
      explain: { ...common, '--method': ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'], '--user': null, '--client': null, '--auth-answer': ['200', '204', '401', '403', '500'], '--root': null, '--platform': PLATFORMS, '--format': ['text', 'json'] },
      'passwd check': { ...common, '--server': ['nginx', 'apache'], '--platform': PLATFORMS, '--root': null, '--format': ['text', 'json'] },
      rules: { ...common, '--format': ['text', 'json'] },
      probe: {
        ...common, '--user': null, '--bearer': ['-'], '--method': ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'], '--header': null, '--origin': null, '--config': null, '--root': null,
        '--resolve': null, '--insecure': null, '--timeout': null, '--max-redirects': null, '--format': ['stylish', 'json'],
      },
      logs: {
        ...common, '--config': null, '--root': null, '--platform': PLATFORMS, '--since': null, '--until': null, '--format': ['stylish', 'json'], '--top': null, '--max-events': null,
        '--threshold': null, '--window': null, '--spray-users': null, '--distributed-clients': null, '--fail2ban': null,
      },
      completion: { ...common },
    },
    ruleIds: RULE_METAS.map((meta) => meta.id),
  };
}

interface ProbeArgs {
  url: string;
  user?: string;
  bearer?: string;
  method: string;
  header?: string | string[];
  origin?: string;
  config?: string;
  root?: string;
  resolve?: string | string[];
  insecure: boolean;
  timeout: number;
  'max-redirects': number;
  format: 'stylish' | 'json';
}

async function probeCliCommand(args: ProbeArgs, io: CliIo): Promise<number> {
  const { probeCommand, ProbeUsageError } = await import('./commands/probe');
  const { probeJson, probeText } = await import('./probe/report');
  const { readPassword } = await import('./commands/read-password');
  const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  if (args.user !== undefined && args.bearer !== undefined) throw new UsageError('--user and --bearer: give one of them');
  // A lone "-" reaches here as STDIN_PATH (see run()).
  if (args.bearer !== undefined && args.bearer !== '-' && args.bearer !== STDIN_PATH) throw new UsageError('--bearer takes "-" and reads the token from standard input: a token on the command line shows in process lists and shell history');
  if (args.root !== undefined && !isDirectory(path.resolve(io.cwd, args.root))) throw new UsageError(`--root ${args.root}: not a directory`);
  const credentials = args.user !== undefined ? { user: args.user, password: await readPassword(`Password for ${args.user}: `) } : undefined;
  const bearer = args.bearer !== undefined ? (readStdin(64 * 1024) ?? '').trim() : undefined;
  if (bearer === '') throw new UsageError('--bearer -: standard input held no token');
  let result;
  try {
    result = await probeCommand({
      url: args.url,
      method: args.method,
      headers: list(args.header),
      origin: args.origin,
      credentials,
      bearer,
      config: args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
      root: args.root === undefined ? undefined : path.resolve(io.cwd, args.root),
      resolve: list(args.resolve),
      insecure: args.insecure,
      timeoutSeconds: args.timeout,
      maxRedirects: Math.max(0, args['max-redirects']),
    });
  } catch (error) {
    if (error instanceof ProbeUsageError) throw new UsageError(error.message);
    throw error;
  }
  // Unreachable: the reason goes to standard error; JSON still gets its document.
  if (!result.unreachable || args.format === 'json') io.stdout(args.format === 'json' ? probeJson(result) : probeText(result));
  if (result.unreachable) {
    io.stderr(`authlint: ${escapeControls(result.unreachable)}\n`);
    return EXIT_USAGE;
  }
  return result.findings.some((finding) => finding.severity !== 'info') ? EXIT_FINDINGS : EXIT_OK;
}

interface LogsArgs {
  paths: string[];
  config?: string;
  root?: string;
  platform?: Platform;
  since?: string;
  until?: string;
  format: 'stylish' | 'json';
  top: number;
  'max-events': number;
  threshold: number;
  window: string;
  'spray-users': number;
  'distributed-clients': number;
  fail2ban: boolean;
}

async function logsCommand(args: LogsArgs, io: CliIo): Promise<number> {
  const { runLogs, parseTimeBound, LogsError } = await import('./commands/logs');
  const bound = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseTimeBound(value);
    if (parsed === undefined) throw new UsageError(`--${name} ${value}: expected a date (2026-11-29), a time (2026-11-29T14:00) or an age (30m, 2h, 7d)`);
    return parsed;
  };
  const window = /^(\d+)\s*([smh]?)$/.exec(args.window);
  if (!window) throw new UsageError(`--window ${args.window}: expected seconds or 90s, 10m, 1h`);
  const windowSeconds = Number(window[1]) * ({ '': 1, s: 1, m: 60, h: 3600 }[window[2] as '' | 's' | 'm' | 'h']);
  for (const [name, value] of [['threshold', args.threshold], ['top', args.top], ['spray-users', args['spray-users']], ['distributed-clients', args['distributed-clients']]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} ${value}: expected a whole number of at least 1`);
  }
  if (args.root !== undefined && !isDirectory(path.resolve(io.cwd, args.root))) throw new UsageError(`--root ${args.root}: not a directory`);
  try {
    const outcome = await runLogs({
      paths: args.paths.map((p) => (p === STDIN_PATH ? '-' : path.resolve(io.cwd, p))),
      config: args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
      root: args.root === undefined ? undefined : path.resolve(io.cwd, args.root),
      platform: args.platform,
      since: bound('since', args.since),
      until: bound('until', args.until),
      format: args.format,
      top: args.top,
      maxEvents: Math.max(0, args['max-events']),
      thresholds: { failures: args.threshold, windowSeconds, sprayUsers: args['spray-users'], distributedClients: args['distributed-clients'] },
      fail2ban: args.fail2ban,
      color: colorByEnvironment(io),
      stdin: io.stdinStream ?? process.stdin,
      ...(io.stderrIsTTY ? { progress: (text: string) => io.stderr(text) } : {}),
    });
    for (const problem of outcome.problems) io.stderr(escapeControls(`authlint: ${problem.diskPath}: ${problem.message}`) + '\n');
    io.stdout(outcome.report);
    return outcome.events > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    if (error instanceof LogsError) throw new UsageError(error.message);
    throw error;
  }
}

/** Standard input for "-": at most MAX_STDIN_BYTES, so that an endless stream ends in an error, not in swap. */
function readDumpInput(io: CliIo): string {
  const text = io.stdin ? io.stdin() : readStdin();
  if (text === undefined || text.length > MAX_STDIN_BYTES) throw new UsageError(`standard input is larger than ${MAX_STDIN_BYTES} bytes: not an nginx -T dump authlint reads`);
  return text;
}

/** --auth-answer: an HTTP status, or a usage error. */
function authAnswerOf(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 100 || value > 599) throw new UsageError(`--auth-answer ${value}: not an HTTP status (100-599)`);
  return value;
}

/** The nginx main config named by CONFIG (the file, or a directory holding nginx.conf). */
function nginxMainConfig(config: string): string | undefined {
  const file = isDirectory(config) ? path.join(config, 'nginx.conf') : config;
  return path.basename(file) === 'nginx.conf' && fs.existsSync(file) ? file : undefined;
}

/** The Apache main config named by CONFIG (the file, or a directory holding apache2.conf, httpd.conf or conf/httpd.conf). */
function apacheMainConfig(config: string): string | undefined {
  if (/(^|\/)(apache2|httpd)\.conf$/.test(config) && fs.existsSync(config)) return config;
  for (const candidate of ['apache2.conf', 'httpd.conf', 'conf/httpd.conf']) {
    const file = path.join(config, candidate);
    if (fs.existsSync(file) && !fs.existsSync(path.join(config, 'nginx.conf'))) return file;
  }
  return undefined;
}

/** nginx or Apache, whichever has its configuration directory on the server, nginx first. */
function installedServer(resolver: PathResolver): ServerName {
  const exists = (serverPath: string): boolean => {
    const location = resolver.toDisk(serverPath);
    return location.ok && fs.existsSync(location.diskPath);
  };
  if (exists('/etc/nginx')) return 'nginx';
  if (exists('/etc/apache2') || exists('/etc/httpd')) return 'apache';
  return 'nginx';
}

function lintCommand(args: LintArgs, io: CliIo): number {
  if (args.paths.length === 0) throw new UsageError('no path given (for example: authlint /etc/nginx)');
  if (args.root !== undefined && !isDirectory(path.resolve(io.cwd, args.root))) {
    throw new UsageError(`--root ${args.root}: not a directory`);
  }
  if (args.paths.includes(STDIN_PATH)) return lintNginxDump(args, io);
  let run;
  try {
    run = lintConfigured(
      args.paths.map((given) => path.resolve(io.cwd, given)),
      {
        root: args.root === undefined ? undefined : path.resolve(io.cwd, args.root),
        type: args.type,
        rules: parseRuleSettings(args.rule),
        platform: args.platform,
        failOn: args['fail-on'],
        inlineConfig: args['inline-config'],
        fileModes: args['file-modes'] === false ? false : undefined,
        config: args.config === false ? false : args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
      },
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration: ${error.message}`);
    throw error;
  }
  return reportLint(run.result, { ...args, 'fail-on': run.failOn }, io);
}

/**
 * `nginx -T | authlint -`: lint exactly what the running nginx loaded. The dumped files are
 * written to a private temp directory that stands in for their paths (and is removed after);
 * the password files they name are read from this machine.
 */
function lintNginxDump(args: LintArgs, io: CliIo): number {
  if (args.paths.length > 1) throw new UsageError('"-" (an nginx -T dump on standard input) cannot be combined with other paths');
  if (args.root !== undefined) throw new UsageError('--root cannot be used with "-": an nginx -T dump names the paths of the machine it came from');
  const files = parseNginxDump(readDumpInput(io));
  if (files.length === 0) throw new UsageError('standard input is not an nginx -T dump (no "# configuration file …:" line): run nginx -T | authlint -');
  const dump = writeDump(files);
  try {
    const result = lint([path.join(dump.dir, path.resolve('/', files[0].path))], { overlay: dump.dir, type: 'nginx', ruleSettings: parseRuleSettings(args.rule), platform: args.platform, inlineConfig: args['inline-config'] });
    const skipped = dump.skipped.map((file) => ({ diskPath: file.path, message: `in the nginx -T dump: ${file.message}` }));
    return reportLint({ ...result, problems: [...skipped, ...result.problems] }, args, io);
  } finally {
    dump.remove();
  }
}

function reportLint(unfiltered: LintResult, args: LintArgs, io: CliIo): number {
  const result = args.quiet ? { ...unfiltered, findings: unfiltered.findings.filter((finding) => finding.severity === 'error') } : unfiltered;
  for (const problem of result.problems) io.stderr(escapeControls(maskHashes(`authlint: ${problem.diskPath}: ${problem.message}`)) + '\n');

  const color = args.output ? false : args.color ?? colorByEnvironment(io);
  const report = renderReport(args.format, {
    findings: result.findings,
    files: result.files,
    sourceLine: result.sourceLine,
    cwd: io.cwd,
    color,
    rules: RULE_METAS.map((meta) => ({ ...meta, docsUrl: docsUrl(meta.id) })),
    version: VERSION,
  });
  if (result.files.length === 0 && result.ignored > 0 && result.problems.length === 0) {
    // Every file given is one the configuration ignores (a pre-commit run on ignored files): nothing to say.
    io.stderr(`authlint: ${result.ignored} file${result.ignored === 1 ? '' : 's'} ignored by the configuration; nothing else to lint\n`);
    return EXIT_OK;
  }
  if (result.files.length === 0) {
    // No report: "no problems in 0 files" between the errors above would read as a pass.
    io.stderr('authlint: nothing to lint: no nginx, Apache, .htaccess or htpasswd file was found\n');
    return result.problems.some((problem) => problem.missing) ? EXIT_USAGE : ExitCode.NOTHING_TO_LINT;
  }
  if (args.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, args.output), report);
    } catch (error) {
      throw new UsageError(`-o ${args.output}: cannot write the report (${describeFsError(error)})`);
    }
  } else io.stdout(report);
  const missingPath = result.problems.some((problem) => problem.missing);
  if (missingPath) return EXIT_USAGE;
  if (result.findings.some((finding) => reaches(finding.severity, args['fail-on'] ?? 'warning'))) return EXIT_FINDINGS;
  const warnings = result.findings.filter((finding) => finding.severity === 'warning').length;
  if (args['max-warnings'] !== undefined && warnings > args['max-warnings']) {
    io.stderr(`authlint: ${warnings} warnings, more than --max-warnings ${args['max-warnings']}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function parseRuleSettings(values: readonly string[] = []): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const value of values) {
    const match = /^([a-z]+\/[a-z0-9-]+)=(error|warning|info|off)$/.exec(value);
    if (!match) throw new UsageError(`--rule ${value}: expected RULE=error|warning|info|off`);
    if (!findRuleMeta(match[1])) throw new UsageError(`--rule ${value}: no rule named ${match[1]} (see 'authlint rules')`);
    settings.set(match[1], match[2] as RuleSetting);
  }
  return settings;
}


/** Colour on a terminal; NO_COLOR turns it off and FORCE_COLOR on (https://no-color.org). */
function colorByEnvironment(io: CliIo): boolean {
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.stdoutIsTTY && process.env.TERM !== 'dumb';
}
