import { hasTemplatePlaceholder, parseConfigText, TEMPLATE_FINDING_RANGE, templateMessage } from '../core/templates';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandRootedGlob, hasGlobMagic } from '../fs/rooted-glob';
import { MAX_CONFIG_BYTES } from '../fs/safe-read';
import { walkFiles } from '../fs/walk';
import { realPath } from '../fs/real-path';
import type { PathResolver } from '../fs/rooted-paths';
import { apacheDirectives, isNamed, type ApacheDirective, type ApacheNode } from '../parsers/apache/ast';
import { parseApache } from '../parsers/apache/parser';
import type { ApacheConfig, ApacheIncludeStep, ApacheLoaderDiagnostic, ApachePlaced, ApacheSourceFile } from './config-tree';
import { DEBIAN_BUILT_IN_MODULES } from './built-in-modules';
import { isRegularFile } from '../fs/stat-kind';

const MAX_DEPTH = 32;
/** Longest argument after ${VAR} substitution (httpd's own line limit is 8 KiB; Defines can double). */
const MAX_SUBSTITUTED = 64 * 1024;


/**
 * The httpd version <IfVersion> is decided against. authlint does not run the server, so it
 * assumes a current 2.4 (Debian 12 ships 2.4.6x): every <IfVersion> written to tell 2.2 from 2.4
 * (the common `< 2.3` / `>= 2.4` pairs) then takes the 2.4 branch, as on any supported system.
 */
export const ASSUMED_HTTPD_VERSION = '2.4.62';

/** `<IfVersion [[!]op] version>` (op: = == > >= < <= ~, or a /regex/), against ASSUMED_HTTPD_VERSION; undefined when unreadable. */
export function ifVersionHolds(args: readonly string[], version: string = ASSUMED_HTTPD_VERSION): boolean | undefined {
  const text = args.join(' ').trim();
  const m = /^(!)?\s*(==|=|>=|<=|>|<|~)?\s*(\S.*)$/.exec(text);
  if (!m) return undefined;
  const [, not, op = '=', operand] = m;
  let holds: boolean;
  if (op === '~' || (operand.startsWith('/') && operand.endsWith('/') && operand.length > 1)) {
    let regex: RegExp;
    try {
      regex = new RegExp(op === '~' ? operand : operand.slice(1, -1));
    } catch {
      return undefined;
    }
    holds = regex.test(version);
  } else {
    const want = operand.split('.').map(Number);
    if (want.some((n) => !Number.isInteger(n))) return undefined;
    const have = version.split('.').map(Number);
    // Apache compares only as many parts as written: "2.4" equals 2.4.62.
    let cmp = 0;
    for (let i = 0; i < want.length && cmp === 0; i++) cmp = (have[i] ?? 0) - want[i];
    holds = op === '=' || op === '==' ? cmp === 0 : op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : cmp <= 0;
  }
  return not ? !holds : holds;
}

/** Debian's envvars: `export NAME=value` lines ($SUFFIX is empty for the default instance). */
export function parseEnvvars(text: string): Map<string, string> {
  const vars = new Map<string, string>([['SUFFIX', '']]);
  for (const line of text.split('\n')) {
    const match = /^\s*export\s+([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2].trim().replace(/^["']|["']$/g, '').replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (_m, name: string) => vars.get(name) ?? '');
    vars.set(match[1], value);
  }
  return vars;
}

/** `mod_auth_basic.c` or `auth_basic_module` → `auth_basic_module`, the identifier LoadModule uses. */
export function moduleId(name: string): string {
  const file = /^mod_(.+)\.(c|so)$/.exec(name);
  return file ? `${file[1]}_module` : name;
}

/**
 * Loads an Apache httpd configuration the way httpd does: from apache2.conf or httpd.conf,
 * following Include (an error when nothing matches) and IncludeOptional relative to
 * ServerRoot, in sorted order, substituting ${VAR} from Define and Debian's envvars, and
 * recording which modules LoadModule loads so that <IfModule> sections can be evaluated.
 */
export class ApacheLoader {
  private readonly cache = new Map<string, ApacheSourceFile | { error: string }>();
  private readonly diagnostics: ApacheLoaderDiagnostic[] = [];
  readonly reached = new Set<string>();

  constructor(private readonly resolver: PathResolver) {}

  get sourceFiles(): ApacheSourceFile[] {
    return [...this.cache.values()].filter((entry): entry is ApacheSourceFile => 'parse' in entry);
  }

  takeDiagnostics(): ApacheLoaderDiagnostic[] {
    return this.diagnostics.splice(0);
  }

  read(diskPath: string, serverPath: string): ApacheSourceFile | { error: string } {
    const key = realPath(diskPath);
    const cached = this.cache.get(key);
    if (cached) return cached;
    let entry: ApacheSourceFile | { error: string };
    const read = this.resolver.readText(diskPath);
    if (!read.ok) entry = { error: read.message };
    else if (read.truncated) entry = { error: `larger than ${MAX_CONFIG_BYTES} bytes; not read` };
    else {
      const config = parseConfigText(read.text, diskPath, parseApache);
      entry = { diskPath: key, serverPath, parse: config.parse };
      if (config.template) this.report('generic/template-file', entry, TEMPLATE_FINDING_RANGE, templateMessage(config.template), []);
    }
    this.cache.set(key, entry);
    return entry;
  }

  report(ruleId: string, file: ApacheSourceFile, range: ApacheLoaderDiagnostic['range'], message: string, chain: readonly ApacheIncludeStep[], severity?: 'info'): void {
    this.diagnostics.push({ ruleId, file, range, message, chain, ...(severity ? { severity } : {}) });
  }

  load(entry: ApacheSourceFile, isMain: boolean): ApacheConfig {
    const base = path.posix.basename(entry.serverPath);
    const dir = path.posix.dirname(entry.serverPath);
    const layout = base === 'apache2.conf' ? 'debian' : base === 'httpd.conf' ? 'rhel' : 'other';
    // Compiled-in defaults: Debian's ServerRoot is the directory of apache2.conf; RHEL's httpd.conf lives in ServerRoot/conf.
    let serverRoot = layout === 'rhel' && path.posix.basename(dir) === 'conf' ? path.posix.dirname(dir) : dir;
    const defines = new Map<string, string>();
    if (layout === 'debian') {
      const envvars = this.resolver.toDisk(path.posix.join(dir, 'envvars'));
      const text = envvars.ok && !envvars.missing ? this.resolver.readText(envvars.diskPath) : undefined;
      if (text?.ok) for (const [k, v] of parseEnvvars(text.text)) defines.set(k, v);
    }
    const modules = isMain ? new Set<string>() : undefined;
    // A tree whose mods-enabled/ is missing (a partial copy) does not say which modules load.
    let modulesIncomplete = false;
    let runUser = defines.get('APACHE_RUN_USER') ?? (layout === 'rhel' ? 'apache' : 'www-data');
    const files = new Map<string, ApacheSourceFile>([[entry.diskPath, entry]]);
    this.reached.add(entry.diskPath);

    // Only what the tree defines (Define, Debian's envvars) counts — never authlint's own
    // environment, which is not the server's and may hold a CI runner's secrets. httpd leaves an
    // undefined ${VAR} as written (AH00111), and so does this. A value that would grow past
    // MAX_SUBSTITUTED (a Define doubling itself) is cut there instead of exhausting memory.
    const substitute = (value: string): string => {
      if (!value.includes('${')) return value;
      const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => defines.get(name) ?? all);
      if (out.length <= MAX_SUBSTITUTED) return out;
      substitutionCut = true;
      return out.slice(0, MAX_SUBSTITUTED);
    };
    let substitutionCut = false;

    const condition = (d: ApacheDirective, args: string[]): { active: boolean; why: string } | undefined => {
      const arg = args[0] ?? '';
      const negated = arg.startsWith('!');
      const name = negated ? arg.slice(1) : arg;
      if (isNamed(d, 'IfModule')) {
        if (!modules) return undefined; // a fragment: which modules are loaded is unknown
        // On Debian the compiled-in modules are there without a LoadModule (<IfModule mod_version.c>).
        const loaded = modules.has(moduleId(name)) || (layout === 'debian' && DEBIAN_BUILT_IN_MODULES.has(moduleId(name)));
        return { active: loaded !== negated, why: `${name} is ${loaded ? '' : 'not '}loaded` };
      }
      if (isNamed(d, 'IfVersion')) {
        const holds = ifVersionHolds(args);
        return holds === undefined ? undefined : { active: holds, why: `httpd ${ASSUMED_HTTPD_VERSION} (assumed: a current 2.4) is ${holds ? '' : 'not '}${args.join(' ')}` };
      }
      if (isNamed(d, 'IfDefine')) {
        // A file read without its main config does not know the -D flags httpd starts with
        // (Debian's SSL, the RHEL service's): both branches are linted, not silently skipped.
        if (!isMain && !defines.has(name)) return undefined;
        const defined = defines.has(name);
        return { active: defined !== negated, why: `${name} is ${defined ? '' : 'not '}defined` };
      }
      return undefined;
    };

    const placeAll = (nodes: readonly ApacheNode[], file: ApacheSourceFile, chain: readonly ApacheIncludeStep[], stack: readonly string[], inactive?: ApachePlaced['inactive']): ApachePlaced[] => {
      const out: ApachePlaced[] = [];
      for (const d of apacheDirectives(nodes)) {
        const args = d.args.map((a) => substitute(a.value));
        if (substitutionCut) {
          substitutionCut = false;
          this.report('generic/limit-reached', file, d.nameRange, `${d.name}: an argument grows past ${MAX_SUBSTITUTED} characters once \${…} variables are filled in (a Define that doubles itself?); it was cut there`, chain);
        }
        const base: ApachePlaced = { directive: d, args, file, chain, ...(inactive ? { inactive } : {}) };
        if (!inactive) {
          if (isNamed(d, 'ServerRoot') && args[0]) serverRoot = args[0].replace(/\/+$/, '') || '/';
          if (isNamed(d, 'Define') && args[0]) defines.set(args[0], args[1] ?? '');
          if (isNamed(d, 'User') && args[0] && !d.section) runUser = args[0];
          if (isNamed(d, 'LoadModule') && args[0]) modules?.add(args[0]);
        }
        if ((isNamed(d, 'Include') || isNamed(d, 'IncludeOptional')) && !d.section && args[0]) {
          out.push({ ...base, included: inactive ? [] : include(d, args[0], file, chain, stack) });
          continue;
        }
        if (d.section) {
          const cond = inactive ? undefined : condition(d, args);
          const childInactive = inactive ?? (cond && !cond.active ? { by: base, why: cond.why } : undefined);
          out.push({ ...base, children: placeAll(d.section.body, file, chain, stack, childInactive) });
          continue;
        }
        out.push(base);
      }
      return out;
    };

    // Set at the first recursive include: httpd -t fails there, and following the other includes
    // of every file on the cycle again would take exponential time (n files that include all n).
    let cycleFound = false;
    const include = (d: ApacheDirective, value: string, file: ApacheSourceFile, chain: readonly ApacheIncludeStep[], stack: readonly string[]): ApachePlaced[] => {
      if (cycleFound) return [];
      // A template's placeholder (@sysconfdir@, {{ conf_dir }}) is not a path yet: nothing to read or miss.
      if (hasTemplatePlaceholder(value)) return [];
      const optional = isNamed(d, 'IncludeOptional');
      // A file linted alone, without --root, names the server's paths: a missing one is only noted.
      const arg = d.args[0];
      const serverPattern = value.startsWith('/') ? value : `${serverRoot}/${value}`;
      // Linted alone, or outside a copy of the ServerRoot (a checkout): the server's path, not checked here.
      const missingSeverity = (!isMain && !this.resolver.rooted) || !this.resolver.checkedHere(serverPattern, file.diskPath) ? ('info' as const) : undefined;
      const step: ApacheIncludeStep = { file, directive: d };
      const matches: string[] = [];
      if (hasGlobMagic(serverPattern)) {
        const expansion = expandRootedGlob(serverPattern, this.resolver);
        if (expansion.refused) {
          this.report('generic/path-outside-root', file, arg.range, `${d.name} ${arg.raw} not read: ${expansion.refused.reason}`, chain);
          return [];
        }
        if (expansion.cutShort) this.report('generic/limit-reached', file, arg.range, `${d.name} ${arg.raw}: ${expansion.cutShort}; the files after that were not read`, chain);
        for (const match of expansion.matches) if (match.location.ok && isRegularFile(match.location.diskPath)) matches.push(match.serverPath);
        if (matches.length === 0 && /mods-(enabled|available)|conf\.modules\.d/.test(serverPattern)) modulesIncomplete = true;
        if (matches.length === 0 && !optional) {
          // httpd's wording depends on whether the directory exists (checked with apache2 -t).
          const staticDir = serverPattern.slice(0, serverPattern.search(/[*?[]/)).replace(/\/[^/]*$/, '') || '/';
          const said = expansion.baseExists
            ? `No matches for the wildcard '${path.posix.basename(serverPattern)}' in '${path.posix.dirname(serverPattern)}', failing`
            : `Include/IncludeOptional: Could not open directory ${staticDir}: No such file or directory`;
          this.report('apache/include-missing', file, arg.range, `Include ${arg.raw}: no file matches, and httpd -t fails with "${said}" (IncludeOptional would accept it)`, chain, missingSeverity);
        }
      } else {
        const location = this.resolver.toDisk(serverPattern);
        if (!location.ok) {
          this.report('generic/path-outside-root', file, arg.range, `${d.name} ${arg.raw} not read: ${location.reason}`, chain);
          return [];
        }
        let stat: fs.Stats | undefined;
        try {
          stat = location.missing ? undefined : fs.statSync(location.diskPath);
        } catch {
          stat = undefined;
        }
        if (!stat) {
          if (!optional) this.report('apache/include-missing', file, arg.range, `Include ${arg.raw}: "${serverPattern}" does not exist${missingSeverity ? (this.resolver.checkedHere(serverPattern, file.diskPath) ? ' on this machine (this file was linted alone, without its main config or --root)' : ' here: it lies outside this copy of the ServerRoot, so it was not checked (check it on the server)') : ''}, and httpd -t fails with "Could not open configuration file ${serverPattern}: No such file or directory"`, chain, missingSeverity);
          return [];
        }
        if (stat.isDirectory()) {
          // Include of a directory reads every file in it and below, in sorted order; the walk
          // stays in --root, enters each directory once and is bounded.
          const walk = walkFiles(location.diskPath, { maxDepth: 16, maxEntries: 20_000, followLinks: true, confine: this.resolver.rootDir, dot: false });
          for (const reason of walk.cutShort) this.report('generic/limit-reached', file, arg.range, `${d.name} ${arg.raw}: ${reason}`, chain);
          matches.push(...walk.files.map((m) => path.posix.join(serverPattern, m)));
        } else matches.push(serverPattern);
      }
      const out: ApachePlaced[] = [];
      for (const serverPath of matches) {
        const location = this.resolver.toDisk(serverPath);
        if (!location.ok) {
          this.report('generic/path-outside-root', file, arg.range, `${d.name} ${arg.raw} not read: ${location.reason}`, chain);
          continue;
        }
        const source = this.read(location.diskPath, serverPath);
        if ('error' in source) {
          this.report('generic/file-unreadable', file, arg.range, `${d.name} ${arg.raw}: cannot read "${serverPath}" (${source.error})`, chain);
          continue;
        }
        if (stack.includes(source.diskPath) || chain.length >= MAX_DEPTH) {
          cycleFound = true;
          this.report('apache/include-cycle', file, arg.range, `${d.name} ${arg.raw} includes "${serverPath}" while it is still being read: httpd -t fails (recursive include)`, chain);
          continue;
        }
        files.set(source.diskPath, source);
        this.reached.add(source.diskPath);
        out.push(...placeAll(source.parse.nodes, source, [...chain, step], [...stack, source.diskPath]));
      }
      return out;
    };

    const items = placeAll(entry.parse.nodes, entry, [], [entry.diskPath]);
    return { entry, isMain, serverRoot, items, files: [...files.values()], modules: modulesIncomplete ? undefined : modules, defines, runUser, layout };
  }
}

