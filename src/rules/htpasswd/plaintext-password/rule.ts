import { outcome } from '../../../htpasswd/compatibility';
import { schemeRule } from '../scheme-rule';
import { where } from '../common';

/** H02: a password stored as is. */
export const plaintextPassword = schemeRule(
  {
    id: 'htpasswd/plaintext-password',
    severity: 'error',
    description: 'A password stored in plaintext: anyone who reads the file has it, and on Linux neither server accepts it (401).',
  },
  (scheme) => scheme.id === 'plaintext',
  (entry, _scheme, model) => {
    const accepted = model.servers.filter((server) => outcome({ id: 'plaintext', name: 'plaintext' }, server, model.platformId).kind === 'verifies');
    const effect =
      accepted.length > 0
        ? `${model.serversText(accepted)} accepts it as is, so the password is readable by anyone who can read the file`
        : `${model.serversText()} on Linux hand it to crypt(), which never reproduces it: every login fails with 401 ("password mismatch" / AH01617), and the password is readable by anyone who can read the file`;
    return `${where(entry)} holds a password in plaintext, not a hash: ${effect}`;
  },
);
