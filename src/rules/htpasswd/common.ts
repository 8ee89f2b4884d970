import { freshHashCommand } from '../../htpasswd/fresh-hash';
import type { HtpasswdModel } from '../../htpasswd/model';
import type { Entry } from '../../htpasswd/views';

/** A user name as a message shows it: quoted, with invisible characters (BOM, blanks) escaped. */
export function userText(user: string): string {
  return JSON.stringify(user);
}

/** The command that stores a fresh, strong hash for a user that no rule objects to (see fresh-hash.ts). */
export function rehashCommand(model: HtpasswdModel, user: string, mode: 'add' | 'set' = 'set'): string {
  return freshHashCommand(model.servers, model.platformId, model.file.serverPath ?? model.file.diskPath, user || 'USERNAME', mode);
}

/** "line 3" and the user, for messages. */
export function where(entry: Entry): string {
  return `line ${entry.line.number} (user ${userText(entry.user)})`;
}

/** Both servers read the password file on every request: no reload is needed after editing it. */
export const NO_RELOAD_NOTE = 'nginx and Apache re-read the file on every request; no reload is needed';
