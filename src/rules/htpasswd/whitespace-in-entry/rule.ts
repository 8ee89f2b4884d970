import type { Rule } from '../../../engine/rule';
import { userText } from '../common';
import { shellQuote } from '../../../core/shell';

// Blanks as the servers see them (isspace): not U+FEFF, which JavaScript's trim() removes.
const BLANK_AT_START = /^[ \t\v\f\r]+/;
const BLANK_AT_END = /[ \t\v\f\r]+$/;
const trimStart = (text: string): string => text.replace(BLANK_AT_START, '');
/** Space, tab, VT, FF, CR: the blanks above. */
const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 11 || code === 12 || code === 13;
const trimEnd = (text: string): string => text.replace(BLANK_AT_END, '');

/**
 * H12: blanks around an entry. nginx keeps them (a leading blank makes the user unknown, a
 * trailing one breaks the hash); Apache trims the line's ends but not blanks around ":".
 */
export const whitespaceInEntry: Rule = {
  meta: {
    id: 'htpasswd/whitespace-in-entry',
    severity: 'error',
    description: 'Blanks before the user, after the hash or around ":": the user cannot log in on nginx (and, around ":", on Apache).',
  },
  check(context) {
    for (const model of context.htpasswd) {
      const path = model.file.serverPath ?? model.file.diskPath;
      const quoted = shellQuote(path);
      for (const line of model.doc.lines) {
        const text = line.text;
        const colon = text.indexOf(':');
        // Most lines have no blank at either end or beside the colon: nothing to look at closer.
        if (text !== '' && !isBlank(text.charCodeAt(0)) && !isBlank(text.charCodeAt(text.length - 1)) && (colon < 0 || ((colon === 0 || !isBlank(text.charCodeAt(colon - 1))) && !isBlank(text.charCodeAt(colon + 1))))) continue;
        if (trimStart(text) === '' || trimStart(text).startsWith('#')) continue;
        const problems: { from: number; to: number; what: string; servers: string[] }[] = [];
        const leading = text.length - trimStart(text).length;
        const trailing = text.length - trimEnd(text).length;
        if (leading > 0) problems.push({ from: 0, to: leading, what: 'blanks before the user name', servers: ['nginx'] });
        if (colon > 0 && BLANK_AT_END.test(text.slice(leading, colon))) {
          const start = leading + trimEnd(text.slice(leading, colon)).length;
          problems.push({ from: start, to: colon, what: 'blanks before ":"', servers: ['nginx', 'apache'] });
        }
        if (colon >= 0 && BLANK_AT_START.test(text.slice(colon + 1))) {
          const start = colon + 1;
          problems.push({ from: start, to: start + (text.slice(start).length - trimStart(text.slice(start)).length), what: 'blanks after ":"', servers: ['nginx', 'apache'] });
        }
        if (trailing > 0 && colon >= 0) problems.push({ from: text.length - trailing, to: text.length, what: 'blanks after the hash', servers: ['nginx'] });
        for (const problem of problems) {
          const affected = problem.servers.filter((server) => model.servers.includes(server as 'nginx' | 'apache'));
          if (affected.length === 0) continue;
          const user = colon >= 0 ? trimEnd(trimStart(text.slice(0, colon))) : trimEnd(trimStart(text));
          const effect = (): string => problem.what === 'blanks after the hash'
            ? `nginx keeps them as part of the hash, so every login as ${userText(user)} fails with 401 ("password mismatch")`
            : problem.what === 'blanks after ":"'
              ? `they become part of the hash, so every login as ${userText(user)} fails with 401 ("password mismatch" / AH01617)`
              : `they become part of the user name, so ${userText(user)} is never found (401, user "${user}" was not found / AH01618)`;
          context.report({
            file: model.file,
            range: model.doc.index.range(line.offset + problem.from, line.offset + problem.to),
            message: () => `line ${line.number} has ${problem.what} on ${affected.map((s) => (s === 'nginx' ? 'nginx' : 'Apache')).join(' and ')}: ${effect()}`,
            related: model.referenceRelated(),
            fix: () => ({ snippet: '', commands: [`sed -i -E 's/^[[:space:]]+//; s/[[:space:]]+$//; s/[[:space:]]*:[[:space:]]*/:/' ${quoted}`] }),
          });
        }
      }
    }
  },
};
