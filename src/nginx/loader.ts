import { hasTemplatePlaceholder, parseConfigText, TEMPLATE_FINDING_RANGE, templateMessage } from '../core/templates';
import * as path from 'node:path';
import type { Range } from '../core/position';
import { realPath } from '../fs/real-path';
import { MAX_CONFIG_BYTES } from '../fs/safe-read';
import { withConfPrefix, type PathResolver } from '../fs/rooted-paths';
import { directivesOf, type NginxDirective, type NginxNode } from '../parsers/nginx/ast';
import { parseNginx } from '../parsers/nginx/parser';
import type { FragmentContext, IncludeStep, LoaderDiagnostic, NginxConfig, Placed, SourceFile } from './config-tree';
import { expandInclude } from './include-glob';
import { exactArray } from '../core/exact-array';

const MAX_INCLUDE_DEPTH = 32;
/** Guards against include fan-out that would never finish (each step is an included file). */
const MAX_INCLUDED_FILES_PER_CONFIG = 100_000;

/**
 * Reads nginx configurations the way nginx does: from an entry file, following `include`
 * relative to the conf prefix (the entry file's directory), expanding globs in glob(3) order.
 * Each file is read and parsed once per run, however often it is included; problems found
 * while loading (unreadable files, missing includes, cycles, paths outside --root) become
 * diagnostics and never stop the run.
 */
export class NginxLoader {
  private readonly cache = new Map<string, SourceFile | { error: string }>();
  private readonly diagnostics: LoaderDiagnostic[] = [];
  private readonly diagnosticKeys = new Set<string>();
  /** Disk paths of files reached from a main nginx.conf, by real path. */
  readonly reachedFromMain = new Set<string>();

  constructor(private readonly resolver: PathResolver) {}

  /** All files read so far. */
  get sourceFiles(): SourceFile[] {
    return [...this.cache.values()].filter((entry): entry is SourceFile => 'parse' in entry);
  }

  takeDiagnostics(): LoaderDiagnostic[] {
    return this.diagnostics.splice(0);
  }

  /** Read one file (a path on disk) or return why it cannot be read. */
  read(diskPath: string, serverPath: string): SourceFile | { error: string } {
    const key = realPath(diskPath);
    const cached = this.cache.get(key);
    if (cached) return cached;
    let entry: SourceFile | { error: string };
    const read = this.resolver.readText(diskPath);
    if (!read.ok) entry = { error: read.message };
    else if (read.truncated) entry = { error: `larger than ${MAX_CONFIG_BYTES} bytes; not read` };
    else {
      const config = parseConfigText(read.text, diskPath, parseNginx);
      entry = { diskPath: key, serverPath, parse: config.parse };
      if (config.template) this.report('generic/template-file', entry, TEMPLATE_FINDING_RANGE, templateMessage(config.template), []);
    }
    this.cache.set(key, entry);
    return entry;
  }

  load(entry: SourceFile, options: { context?: FragmentContext; confPrefix?: string; confPrefixKnown?: boolean; isMain: boolean }): NginxConfig {
    const context = options.context ?? (options.isMain ? 'main' : inferFragmentContext(entry.parse.nodes));
    const confPrefix = options.confPrefix ?? path.posix.dirname(entry.serverPath);
    const confPrefixKnown = options.isMain || (options.confPrefixKnown ?? true);
    const load = new ConfigLoad(this, this.resolver, confPrefix, options.isMain, confPrefixKnown);
    const items = load.placeAll(entry, [], [entry.diskPath]);
    return { entry, context, isFragment: !options.isMain, confPrefix, confPrefixKnown, items, files: load.files(entry) };
  }

  report(ruleId: string, file: SourceFile, range: Range, message: string, chain: readonly IncludeStep[], severity?: LoaderDiagnostic['severity']): void {
    const key = `${ruleId}\0${file.diskPath}\0${range.start.offset}\0${message}`;
    if (this.diagnosticKeys.has(key)) return;
    this.diagnosticKeys.add(key);
    this.diagnostics.push({ ruleId, file, range, message, chain, ...(severity ? { severity } : {}) });
  }
}

/**
 * The context a lone file is read in: a file with `http`/`events` is a main config, one with
 * `server` blocks a site file (http context), one with `location`/`listen` a server snippet,
 * anything else a location snippet.
 */
export function inferFragmentContext(nodes: readonly NginxNode[]): FragmentContext {
  const names = new Set(directivesOf(nodes).map((d) => d.name));
  if (names.has('http') || names.has('events') || names.has('worker_processes')) return 'main';
  if (names.has('server') || names.has('upstream') || names.has('map')) return 'http';
  if (names.has('location') || names.has('listen') || names.has('server_name')) return 'server';
  return 'location';
}

/** Files nginx's own packages install in the conf prefix (Debian's add proxy_params and two snippets). */
const PACKAGED_FILES: ReadonlySet<string> = new Set(['mime.types', 'fastcgi_params', 'fastcgi.conf', 'uwsgi_params', 'scgi_params', 'koi-utf', 'koi-win', 'win-utf', 'proxy_params', 'snippets/fastcgi-php.conf', 'snippets/snakeoil.conf']);

/**
 * The mounted copy (its server directory) when a missing include is one of the files every
 * nginx package installs: a copy that leaves it out relies on the package's, it did not lose it.
 */
function packagedFileMissingFromCopy(serverPath: string, resolver: PathResolver): string | undefined {
  const mount = resolver.mounts.find((m) => serverPath.startsWith(`${m.serverPrefix.replace(/\/$/, '')}/`));
  if (!mount) return undefined;
  return PACKAGED_FILES.has(serverPath.slice(mount.serverPrefix.replace(/\/$/, '').length + 1)) ? mount.serverPrefix : undefined;
}

/** The state of loading one configuration: its files and the include walk. */
class ConfigLoad {
  private readonly reached = new Map<string, SourceFile>();
  private includedFiles = 0;
  /**
   * Set at the first include cycle: nginx never finishes loading such a config (it recurses
   * until it crashes), and following the other includes of every file on the cycle again would
   * take time exponential in the number of files (n files that each include all n).
   */
  private cycleFound = false;

  constructor(
    private readonly loader: NginxLoader,
    private readonly resolver: PathResolver,
    private readonly confPrefix: string,
    private readonly isMain: boolean,
    private readonly confPrefixKnown: boolean,
  ) {}

  files(entry: SourceFile): SourceFile[] {
    return [entry, ...[...this.reached.values()].filter((file) => file !== entry)];
  }

  placeAll(file: SourceFile, chain: readonly IncludeStep[], stack: readonly string[], nodes: readonly NginxNode[] = file.parse.nodes): Placed[] {
    if (this.isMain) this.loader.reachedFromMain.add(file.diskPath);
    return directivesOf(nodes).map((directive) => this.place(directive, file, chain, stack));
  }

  private place(directive: NginxDirective, file: SourceFile, chain: readonly IncludeStep[], stack: readonly string[]): Placed {
    if (directive.name === 'include' && directive.args.length === 1 && !directive.block) {
      return { directive, file, chain, included: this.include(directive, file, chain, stack) };
    }
    if (directive.block) return { directive, file, chain, children: this.placeAll(file, chain, stack, directive.block) };
    return { directive, file, chain };
  }

  private include(directive: NginxDirective, file: SourceFile, chain: readonly IncludeStep[], stack: readonly string[]): Placed[] {
    const arg = directive.args[0];
    const value = arg.value;
    // nginx does not expand variables in include paths; a template's placeholder is filled in when it is rendered.
    if (value.includes('$') || hasTemplatePlaceholder(value)) return [];
    if (this.cycleFound) return [];
    const serverPattern = withConfPrefix(value, this.confPrefix);
    const expansion = expandInclude(serverPattern, this.resolver);
    // Outside a copy of the configuration directory (a checkout), the path is the server's: not checked here.
    const elsewhere = !this.resolver.checkedHere(serverPattern, file.diskPath);
    const report = (ruleId: string, message: string): void =>
      this.loader.report(ruleId, file, arg.range, message, chain, this.confPrefixKnown && !elsewhere ? undefined : 'info');
    if (expansion.refused) {
      report('generic/path-outside-root', `include "${value}" not read: ${expansion.refused.reason}`);
      return [];
    }
    const step: IncludeStep = { file, directive };
    const out: Placed[] = [];
    for (const match of expansion.matches) {
      if (!match.location.ok) {
        report('generic/path-outside-root', `include "${value}" not read: ${match.location.reason}`);
        continue;
      }
      const included = this.loader.read(match.location.diskPath, match.serverPath);
      if ('error' in included) {
        // nginx -t fails on a missing plain include; a glob that matches nothing never gets here.
        if (!expansion.isGlob && included.error === 'no such file or directory') {
          const stock = packagedFileMissingFromCopy(match.serverPath, this.resolver);
          if (stock) {
            this.loader.report(
              'nginx/include-missing',
              file,
              arg.range,
              `include "${value}": "${match.serverPath}" is not in this copy of ${stock}, but every nginx package ships it: the copy holds only the files it changes (a Docker build context, a config repository), so it was not checked here`,
              chain,
              'info',
            );
            continue;
          }
          report(
            'nginx/include-missing',
            elsewhere
              ? `include "${value}": "${match.serverPath}" is outside this copy of the configuration directory, so it was not checked here: check it on the server (or lint a copy of the whole server with --root)`
              : this.confPrefixKnown
              ? `include "${value}": "${match.serverPath}" does not exist, so nginx -t fails with: open() "${match.serverPath}" failed (2: No such file or directory)`
              : `include "${value}": "${match.serverPath}" is not here; this file was linted alone, with no nginx.conf above it, so check the path on the server (or lint the whole tree, with --root)`,
          );
        } else {
          report('generic/file-unreadable', `include "${value}": cannot read "${match.serverPath}" (${included.error}); nginx fails to open it too`);
        }
        continue;
      }
      if (stack.includes(included.diskPath)) {
        this.cycleFound = true;
        report('nginx/include-cycle', `include "${value}" includes "${match.serverPath}" again while it is still being read: an include cycle, which nginx follows until it runs out of stack (nginx -t crashes with a segmentation fault); the includes after it are not followed`);
        continue;
      }
      if (chain.length >= MAX_INCLUDE_DEPTH || ++this.includedFiles > MAX_INCLUDED_FILES_PER_CONFIG) {
        report('nginx/include-cycle', `include "${value}": nested more than ${MAX_INCLUDE_DEPTH} levels deep or too many files; not followed further`);
        continue;
      }
      this.reached.set(included.diskPath, included);
      out.push(...this.placeAll(included, chain.concat(step), [...stack, included.diskPath]));
    }
    return exactArray(out);
  }
}
