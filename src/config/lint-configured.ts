import * as path from 'node:path';
import { compareFindings, type Finding } from '../core/finding';
import type { Severity } from '../core/severity';
import type { RuleSetting } from '../engine/run-rules';
import type { FileKind } from '../discover/classify';
import type { Platform } from '../htpasswd/compatibility';
import { lint, type LintResult } from '../lint';
import { findRuleMeta } from '../rules';
import { ConfigError, findConfigFile, loadConfigFile, type LoadedConfig } from './config-file';

/** What the command line says; an unset field leaves the configuration file's value in force. */
export interface CommandLineSettings {
  readonly root?: string;
  readonly type?: FileKind;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly platform?: Platform;
  readonly failOn?: Severity;
  readonly inlineConfig: boolean;
  readonly fileModes?: boolean;
  /** --config FILE: this file for every path; false: --no-config; undefined: look for one per path. */
  readonly config?: string | false;
}

export interface ConfiguredRun {
  readonly result: LintResult;
  /** The severity that fails the run: the command line's, else the configuration's, else warning. */
  readonly failOn: Severity;
  /** The configuration files used. */
  readonly configFiles: readonly string[];
}

/**
 * Lint with configuration files: each path is linted under the config found walking up from it
 * (or --config, or none with --no-config); paths that share a config are linted together. The
 * command line wins over the file: --rule over `rules` and `overrides`, --root over `root`.
 */
export function lintConfigured(paths: readonly string[], cli: CommandLineSettings): ConfiguredRun {
  const groups = new Map<string, { config: LoadedConfig | undefined; paths: string[] }>();
  const explicit = typeof cli.config === 'string' ? loadConfigFile(path.resolve(cli.config)) : undefined;
  for (const given of paths) {
    const file = cli.config === false ? undefined : explicit ? explicit.file : findConfigFile(given);
    const key = file ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { config: file === undefined ? undefined : explicit?.file === file ? explicit : loadConfigFile(file), paths: [] };
      groups.set(key, group);
    }
    group.paths.push(given);
  }
  for (const { config } of groups.values()) if (config) checkRuleIds(config);
  const results: LintResult[] = [];
  let failOn: Severity | undefined = cli.failOn;
  for (const { config, paths: groupPaths } of groups.values()) {
    const data = config?.data ?? {};
    const rules = new Map<string, RuleSetting>([...Object.entries(data.rules ?? {}), ...cli.rules]);
    const root = cli.root ?? (data.root !== undefined && config ? path.resolve(config.dir, data.root) : undefined);
    const result = lint(groupPaths, {
      root,
      type: cli.type,
      ruleSettings: rules,
      platform: cli.platform ?? data.platform,
      inlineConfig: cli.inlineConfig,
      fileModes: cli.fileModes ?? data.fileModes,
      ignore: config?.ignores,
    });
    results.push(config ? withOverrides(result, config, cli.rules) : result);
    failOn ??= data.failOn;
  }
  return { result: merge(results), failOn: failOn ?? 'warning', configFiles: [...groups.values()].flatMap((g) => (g.config ? [g.config.file] : [])) };
}

/** Every rule id a configuration names must be a rule (a typo would silently do nothing). */
function checkRuleIds(config: LoadedConfig): void {
  const named = [...Object.keys(config.data.rules ?? {}).map((id) => ['rules', id]), ...(config.data.overrides ?? []).flatMap((o, i) => Object.keys(o.rules).map((id) => [`overrides/${i}/rules`, id]))];
  const unknown = named.filter(([, id]) => !findRuleMeta(id));
  if (unknown.length > 0) throw new ConfigError(`${config.file}: ${unknown.map(([where, id]) => `/${where}/${id}: no such rule (see 'authlint rules')`).join('; ')}`);
}

/** A configuration's per-path overrides, applied to its findings (a rule the command line sets is left alone). */
function withOverrides(result: LintResult, config: LoadedConfig, cliRules: ReadonlyMap<string, RuleSetting>): LintResult {
  const findings: Finding[] = [];
  for (const finding of result.findings) {
    const setting = cliRules.has(finding.ruleId) ? undefined : config.overridesFor(finding.file).get(finding.ruleId);
    if (setting === 'off') continue;
    findings.push(setting ? { ...finding, severity: setting } : finding);
  }
  return { ...result, findings };
}

function merge(results: readonly LintResult[]): LintResult {
  if (results.length === 1) return results[0];
  return {
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    files: results.flatMap((r) => r.files),
    problems: results.flatMap((r) => r.problems),
    ignored: results.reduce((sum, r) => sum + r.ignored, 0),
    sourceLine: (file, line) => {
      for (const r of results) {
        const text = r.sourceLine(file, line);
        if (text !== undefined) return text;
      }
      return undefined;
    },
  };
}
