import type { Finding } from '../core/finding';
import type { ReportInput } from './report-input';

/**
 * The one place every report passes through before it is formatted, whatever the format:
 * password hashes and plaintext passwords are masked, and terminal control characters from
 * files are made visible. Rules try not to quote secrets; this is the net under them — a
 * password file included as a config, a hash pasted into a directive, a user name with an
 * escape sequence in it.
 */
export function redactReport(input: ReportInput): ReportInput {
  const secretLines = new Map<string, Set<string>>();
  const secretsOf = (file: string): Set<string> => {
    let secrets = secretLines.get(file);
    if (secrets === undefined) {
      secrets = passwordLikeLines(input.sourceLine, file);
      secretLines.set(file, secrets);
    }
    return secrets;
  };
  const allSecrets = (): string[] => [...new Set([...secretLines.values()].flatMap((set) => [...set]))].sort((a, b) => b.length - a.length);
  // Learn every password-like file first, so that a message in one file quoting another's line is masked too.
  for (const finding of input.findings) secretsOf(finding.file);
  const secrets = allSecrets();
  // Related messages repeat ("read by nginx (workers run as www-data)" for each directive that
  // reads a file): each text is cleaned once.
  const cleaned = new Map<string, string>();
  const clean = (text: string): string => {
    let out = cleaned.get(text);
    if (out === undefined) cleaned.set(text, (out = escapeControls(maskSecrets(text, secrets))));
    return out;
  };
  const findings: Finding[] = input.findings.map((finding) => ({
    ...finding,
    message: clean(finding.message),
    related: finding.related.map((related) => ({ ...related, message: clean(related.message) })),
    ...(finding.fix ? { fix: { snippet: escapeControls(maskSecrets(finding.fix.snippet, secrets), true), commands: finding.fix.commands.map(clean) } } : {}),
  }));
  return {
    ...input,
    findings,
    sourceLine: (file, line) => {
      const text = input.sourceLine(file, line);
      if (text === undefined) return undefined;
      return escapeControls(secretsOf(file).size > 0 ? maskPasswordLine(maskHashes(text)) : maskHashes(text));
    },
  };
}

/** Crypt(3) and LDAP-style hashes as they appear in password files: kept up to the scheme, the rest masked. */
const HASH_TOKEN = /(\$(?:apr1|1|2[abxy]?|5|6|7|y|gy|sha1|md5|pbkdf2[-a-z0-9]*|argon2(?:id|i|d))\$)[^\s'"`;,)]{6,}|(\{(?:SHA|SSHA|SHA256|SSHA256|SHA512|SSHA512|MD5|SMD5|CRYPT|CLEARTEXT|PLAIN|BLF-CRYPT|SHA256-CRYPT|SHA512-CRYPT)\})[^\s'"`;,)]{4,}/gi;

/** Mask every hash-looking token in a text, keeping the scheme so that messages still say which it is. */
export function maskHashes(text: string): string {
  return text.replace(HASH_TOKEN, (_all, crypt: string | undefined, ldap: string | undefined) => `${crypt ?? ldap}…`);
}

/** A "user:secret" line of a password file: no blanks, a colon, and not a config statement. */
const PASSWORD_LINE = /^\s*[^\s#:;{}<>]+:[^\s]+\s*$/;

function maskPasswordLine(text: string): string {
  if (!PASSWORD_LINE.test(text) || /[;{}]\s*$/.test(text)) return text;
  const colon = text.indexOf(':');
  return `${text.slice(0, colon + 1)}…`;
}

/**
 * The "user:secret" lines of a file that looks like a password file (most of its first lines
 * are such lines): a password file reached as a config (`include htpasswd;`) is echoed in
 * syntax errors, and its plaintext passwords must not be.
 */
function passwordLikeLines(sourceLine: ReportInput['sourceLine'], file: string): Set<string> {
  const found = new Set<string>();
  let other = 0;
  for (let line = 1; line <= 2000; line++) {
    const text = sourceLine(file, line);
    if (text === undefined) break;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // Most config lines have no colon: settled without the regular expressions.
    if (trimmed.includes(':') && PASSWORD_LINE.test(text) && !/[;{}]\s*$/.test(text)) found.add(trimmed);
    else other++;
  }
  return found.size > 0 && found.size >= other ? found : new Set();
}

function maskSecrets(text: string, secretLines: readonly string[]): string {
  let out = maskHashes(text);
  for (const line of secretLines) {
    if (!out.includes(line)) continue;
    out = out.split(line).join(`${line.slice(0, line.indexOf(':') + 1)}…`);
  }
  return out;
}

/**
 * Control characters from files (ESC, BEL, CR, …) written as \xNN, so a hostile file cannot
 * rewrite the user's terminal. Tabs stay; line feeds stay in multi-line snippets only.
 */
export function escapeControls(text: string, multiline = false): string {
  return text.replace(multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
