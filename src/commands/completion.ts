/**
 * Shell completion scripts for `authlint completion bash|zsh|fish`: subcommands, each one's
 * options (with their fixed choices) and every rule id for --rule. A test checks that these
 * lists match what `--help` shows, so they cannot drift from the parser.
 */

export interface CompletionData {
  /** Subcommand → its options (long names with "--"), with the values an option accepts, if fixed. */
  readonly commands: Readonly<Record<string, Readonly<Record<string, readonly string[] | null>>>>;
  readonly ruleIds: readonly string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function completionScript(shell: Shell, data: CompletionData): string {
  if (shell === 'fish') return fish(data);
  return shell === 'zsh' ? `#compdef authlint\nautoload -U +X bashcompinit && bashcompinit\n${bash(data)}` : bash(data);
}

const words = (list: readonly string[]): string => list.map((w) => w.replace(/[^A-Za-z0-9_@%+,./:=-]/g, '')).join(' ');

function bash(data: CompletionData): string {
  const subcommands = Object.keys(data.commands).filter((c) => c !== '');
  const cases = Object.entries(data.commands).map(([command, options]) => {
    const valueCases = Object.entries(options)
      .filter(([, values]) => values !== null)
      .map(([option, values]) => `      ${option}) COMPREPLY=( $(compgen -W "${words(values as string[])}" -- "$cur") ); return ;;`)
      .join('\n');
    return `    ${command === '' ? 'lint' : command.replace(/ /g, '_')})\n      case "$prev" in\n${valueCases}\n        --rule) COMPREPLY=( $(compgen -W "$rules" -- "$cur") ); return ;;\n      esac\n      opts="${words(Object.keys(options))}" ;;`;
  });
  return `# authlint completion for bash: eval "$(authlint completion bash)"
_authlint() {
  local cur prev command opts rules
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  rules="${words(data.ruleIds.map((id) => `${id}=off`))}"
  command=lint
  case "\${COMP_WORDS[1]}" in
    ${subcommands.filter((c) => !c.includes(' ')).join('|')}) command="\${COMP_WORDS[1]}" ;;
  esac
  [ "$command" = passwd ] && command=passwd_check
  if [ "$COMP_CWORD" -eq 1 ] && [[ "$cur" != -* ]]; then
    COMPREPLY=( $(compgen -W "${words(subcommands.map((c) => c.split(' ')[0]))}" -- "$cur") $(compgen -f -- "$cur") )
    return
  fi
  case "$command" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -o filenames -F _authlint authlint
`;
}

function fish(data: CompletionData): string {
  const lines = ['# authlint completion for fish: authlint completion fish > ~/.config/fish/completions/authlint.fish'];
  const subcommands = Object.keys(data.commands).filter((c) => c !== '').map((c) => c.split(' ')[0]);
  lines.push(`complete -c authlint -n '__fish_use_subcommand' -a '${[...new Set(subcommands)].join(' ')}'`);
  for (const [command, options] of Object.entries(data.commands)) {
    const condition = command === '' ? `not __fish_seen_subcommand_from ${[...new Set(subcommands)].join(' ')}` : `__fish_seen_subcommand_from ${command.split(' ')[0]}`;
    for (const [option, values] of Object.entries(options)) {
      const long = option.replace(/^--/, '');
      const choices = values ? ` -x -a '${words(values)}'` : long === 'rule' ? ` -x -a '${words(data.ruleIds.map((id) => `${id}=off`))}'` : '';
      lines.push(`complete -c authlint -n '${condition}' -l ${long}${choices}`);
    }
  }
  return lines.join('\n') + '\n';
}
