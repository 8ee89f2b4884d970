import { own } from '../../../apache/scopes';
import { parseHtpasswd } from '../../../parsers/htpasswd/parser';
import { apacheView } from '../../../htpasswd/views';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { lastOf } from '../shared/groups-digest-proxy';

/** A25: Digest with an htpasswd file, or Digest with a realm the htdigest file does not use. */
export const digestBasicMismatch: Rule = {
  meta: {
    id: 'apache/digest-basic-mismatch',
    severity: 'error',
    description: 'AuthType Digest reading an htpasswd file (user:hash), or an AuthName that is not the realm of the htdigest file: nobody can log in (AH01790).',
  },
  check(context) {
    for (const model of context.apache) {
      for (const scope of model.scopes()) {
        const type = own(scope, 'AuthType').pop();
        if (type?.args[0]?.toLowerCase() !== 'digest') continue;
        const chain = model.sectionsInForce(scope);
        const file = lastOf(chain, 'AuthUserFile');
        const realm = lastOf(chain, 'AuthName')?.args[0];
        if (!file) continue;
        const content = model.fileContent(file.args[0] ?? '');
        if (!content) continue;
        const state = content.state;
        const lines = apacheView(parseHtpasswd(content.bytes)).entries;
        const digestLines = lines.filter((e) => e.extra !== undefined && /^[0-9a-f]{32}$/.test(e.extra));
        let message: string | undefined;
        if (lines.length > 0 && digestLines.length === 0) message = `AuthType Digest reads ${state.serverPath}, an htpasswd file (user:hash): Digest needs htdigest's user:realm:md5 lines, so every login gets 401 again (AH01790: user … in realm … not found)`;
        else if (realm !== undefined && digestLines.length > 0 && !digestLines.some((e) => e.hash === realm)) {
          message = `AuthName "${realm}" is not the realm of ${state.serverPath} (it has ${[...new Set(digestLines.map((e) => `"${e.hash}"`))].join(', ')}): Digest looks users up by realm, so every login gets 401 again (AH01790)`;
        }
        if (!message) continue;
        context.report({
          file: type.file,
          range: type.directive.range,
          chain: type.chain,
          message,
          fix: { snippet: `# with TLS, Basic is as safe; or keep Digest and make the file with: htdigest -c ${state.serverPath} "${realm ?? 'Admin area'}" USERNAME\nAuthType Basic`, commands: apacheCommands(model) },
        });
      }
    }
  },
};
