/**
 * Commands authlint prints for a user to paste into a shell. Every value that comes from a file
 * (a user name, a path) is quoted for POSIX sh, so `a;touch${IFS}/tmp/x;` stays one argument;
 * the fixed words of the command are written by authlint itself and stay as they are.
 */

/** Characters that never need quoting in POSIX sh (in any position but a leading `~` or `=`). */
const SAFE = /^[A-Za-z0-9_@%+,./:=-]+$/;

/** C0 controls and DEL (and the C1 range): a pasted command with these is never safe to show. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/** One argument, quoted for POSIX sh when it needs it: single quotes, with `'` written as `'\''`. */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE.test(value) && !value.startsWith('~') && !value.startsWith('-')) return value;
  if (value.startsWith('-') && SAFE.test(value)) return `'${value}'`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command with its interpolated values quoted: sh`htpasswd -D ${file} ${user}`. Numbers are
 * written as they are; arrays become several arguments.
 */
export function sh(strings: TemplateStringsArray, ...values: readonly (string | number | readonly string[])[]): string {
  let out = strings[0];
  values.forEach((value, i) => {
    const text = typeof value === 'number' ? String(value) : Array.isArray(value) ? value.map(shellQuote).join(' ') : shellQuote(value as string);
    out += text + strings[i + 1];
  });
  return out;
}

/** Whether a printed command holds a control character (a tab is allowed); such a command is never printed. */
export function hasControlCharacters(command: string): boolean {
  return CONTROL.test(command);
}
