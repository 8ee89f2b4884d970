import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers/cli';

/** `authlint completion bash|zsh|fish`: every option --help shows, every rule id, and a bash script that works. */

const HELP_OF: Record<string, string[]> = { lint: ['--help'], explain: ['explain', '--help'], passwd: ['passwd', 'check', '--help'], rules: ['rules', '--help'], logs: ['logs', '--help'], probe: ['probe', '--help'] };

test.each(Object.entries(HELP_OF))('the %s command: every option in --help is completed', (command, helpArgs) => {
  const help = runCli(helpArgs).stdout;
  const options = [...new Set([...help.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]))].filter((o) => !o.startsWith('--no-'));
  expect(options.length).toBeGreaterThan(2);
  const fish = runCli(['completion', 'fish']).stdout;
  const condition = command === 'lint' ? 'not __fish_seen_subcommand_from' : `__fish_seen_subcommand_from ${command}`;
  for (const option of options) expect({ option, listed: fish.includes(`-n '${condition}`) && new RegExp(`-n '${condition}[^']*' -l ${option.slice(2)}\\b`).test(fish) }).toEqual({ option, listed: true });
});

test('bash: subcommands, options, option values and rule ids complete', () => {
  const script = runCli(['completion', 'bash']).stdout;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-comp-')), 'c.bash');
  fs.writeFileSync(file, script);
  try {
    const complete = (...words: string[]): string[] =>
      execFileSync('bash', ['-c', `source "$0"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _authlint; printf '%s\\n' "\${COMPREPLY[@]}"`, file], { encoding: 'utf8', cwd: os.tmpdir() })
        .split('\n')
        .filter(Boolean);
    expect(complete('authlint', 'expl')).toContain('explain');
    expect(complete('authlint', '--fail')).toContain('--fail-on');
    expect(complete('authlint', '--format', 's').sort()).toEqual(['sarif', 'stylish']);
    expect(complete('authlint', '--rule', 'htpasswd/plain')).toEqual(expect.arrayContaining(['htpasswd/plaintext-password=off', 'htpasswd/plain-scheme=off']));
    expect(complete('authlint', 'explain', '--met')).toEqual(['--method']);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

test('zsh gets the bash script through bashcompinit; an unknown shell is a usage error', () => {
  expect(runCli(['completion', 'zsh']).stdout).toMatch(/^#compdef authlint\n/);
  expect(runCli(['completion', 'tcsh']).status).toBe(2);
});
