import { outcome } from '../../htpasswd/compatibility';
import type { HtpasswdModel } from '../../htpasswd/model';
import type { Entry } from '../../htpasswd/views';

/** A user name as a message shows it: quoted, with invisible characters (BOM, blanks) escaped. */
export function userText(user: string): string {
  return JSON.stringify(user);
}

/**
 * The command that stores a fresh, strong hash for a user: bcrypt cost 12 wherever every
 * consuming server can verify it, else SHA-512-crypt with many rounds (nginx on glibc's
 * historic libcrypt cannot verify bcrypt).
 */
export function rehashCommand(model: HtpasswdModel, user: string): string {
  const bcryptOk = model.servers.every((server) => outcome({ id: 'bcrypt', name: 'bcrypt', variant: 'y', cost: 12 }, server, model.platformId).kind === 'verifies');
  const flags = bcryptOk ? '-B -C 12' : '-5 -r 100000';
  return `htpasswd ${flags} ${model.file.serverPath ?? model.file.diskPath} ${user || 'USERNAME'}`;
}

/** "line 3" and the user, for messages. */
export function where(entry: Entry): string {
  return `line ${entry.line.number} (user ${userText(entry.user)})`;
}

/** Both servers read the password file on every request: no reload is needed after editing it. */
export const NO_RELOAD_NOTE = 'nginx and Apache re-read the file on every request; no reload is needed';
