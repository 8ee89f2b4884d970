import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import YAML from 'yaml';
import type { Severity } from '../core/severity';
import type { RuleSetting } from '../engine/run-rules';
import type { Platform } from '../htpasswd/compatibility';
import { isRegularFile } from '../fs/stat-kind';
import { readTextFile } from '../fs/safe-read';

/** The names looked for in each directory, in this order (as ESLint and stylelint users expect). */
export const CONFIG_NAMES = ['.authlintrc.json', '.authlintrc.yaml', '.authlintrc.yml', 'package.json'] as const;
/** Ignore file read beside the config file (and in the current directory): one glob per line. */
export const IGNORE_FILE = '.authlintignore';

/** A configuration file as written. */
export interface ConfigData {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly root?: string;
  readonly platform?: Platform;
  readonly failOn?: Severity;
  readonly fileModes?: boolean;
  readonly ignore?: readonly string[];
  readonly overrides?: readonly { files: readonly string[]; rules: Readonly<Record<string, RuleSetting>> }[];
}

/** A loaded configuration: its data, and the directory its relative paths and globs start from. */
export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly data: ConfigData;
  /** Whether a path (absolute) is one the config ignores (its `ignore` globs and .authlintignore). */
  readonly ignores: (diskPath: string) => boolean;
  /** The rule settings of the overrides that match a file, in order (later wins). */
  readonly overridesFor: (diskPath: string) => ReadonlyMap<string, RuleSetting>;
}

/** A configuration file that cannot be used: which file, which key, and why. */
export class ConfigError extends Error {}

// The shipped schema itself (schemas/config.schema.json), so that the docs, editors and this check agree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CONFIG_SCHEMA = require('../../schemas/config.schema.json') as object;
// Compiled on first use: building the validator costs ~50 ms of start-up, and most runs have no config file.
let compiled: ValidateFunction | undefined;

/** The schema's complaints about a parsed config file, or undefined when it is valid. */
function schemaErrors(value: unknown): ErrorObject[] | undefined {
  if (!compiled) {
    // ajv itself is loaded here too: its modules are ~4 ms of every start, and most runs have
    // no config file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
    compiled = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  }
  return compiled(value) ? undefined : compiled.errors ?? [];
}

/**
 * The configuration that applies to a path: the first config file found walking up from it
 * (from its directory, for a file). A package.json counts only when it has an "authlint" key.
 */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      if (!isRegularFile(file)) continue;
      if (name === 'package.json' && !hasAuthlintKey(file)) continue;
      return file;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Read, parse and validate a configuration file; a ConfigError says what is wrong and where. */
export function loadConfigFile(file: string): LoadedConfig {
  const read = readTextFile(file, { maxBytes: 1024 * 1024 });
  if (!read.ok) throw new ConfigError(`${file}: cannot read it (${read.message})`);
  const text = read.text;
  let data: unknown;
  try {
    if (/\.ya?ml$/.test(file)) data = YAML.parse(text) ?? {};
    else data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid ${/\.ya?ml$/.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (path.basename(file) === 'package.json') data = (data as { authlint?: unknown }).authlint;
  const errors = schemaErrors(data);
  if (errors) throw new ConfigError(`${file}: ${describeErrors(errors)}`);
  const config = data as ConfigData;
  const dir = path.dirname(file);
  const ignoreGlobs = [...(config.ignore ?? []), ...readIgnoreFile(path.join(dir, IGNORE_FILE))];
  const ignored = ignoreGlobs.length > 0 ? picomatch(ignoreGlobs, { dot: true }) : undefined;
  const overrides = (config.overrides ?? []).map((override) => ({ match: picomatch([...override.files], { dot: true }), rules: override.rules }));
  const relative = (diskPath: string): string => path.relative(dir, diskPath).split(path.sep).join('/');
  return {
    file,
    dir,
    data: config,
    ignores: (diskPath) => {
      if (!ignored) return false;
      const rel = relative(diskPath);
      return !rel.startsWith('../') && (ignored(rel) || ignored(`${rel}/`));
    },
    overridesFor: (diskPath) => {
      const settings = new Map<string, RuleSetting>();
      const rel = relative(diskPath);
      for (const override of overrides) if (override.match(rel)) for (const [id, setting] of Object.entries(override.rules)) settings.set(id, setting);
      return settings;
    },
  };
}

/** One line per problem, with the key as a JSON pointer: `/rules/nginx~1x: must be equal to one of …`. */
function describeErrors(errors: readonly ErrorObject[]): string {
  const lines = errors.map((error) => {
    // JSON pointer escapes (~1 for "/") would hide the rule id the user wrote.
    const key = error.instancePath.replace(/~1/g, '/').replace(/~0/g, '~') || '(top level)';
    if (error.keyword === 'additionalProperties') return `${key === '(top level)' ? '' : key}/${(error.params as { additionalProperty: string }).additionalProperty}: unknown key`;
    if (error.keyword === 'propertyNames') return `${key}: "${(error.params as { propertyName: string }).propertyName}" is not a rule id (server/rule-name)`;
    if (error.keyword === 'enum') return `${key}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${key}: ${error.message}`;
  });
  return [...new Set(lines)].join('; ');
}

function readIgnoreFile(file: string): string[] {
  if (!isRegularFile(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function hasAuthlintKey(file: string): boolean {
  try {
    const read = readTextFile(file, { maxBytes: 1024 * 1024 });
    return read.ok && Object.prototype.hasOwnProperty.call(JSON.parse(read.text), 'authlint');
  } catch {
    return false;
  }
}

