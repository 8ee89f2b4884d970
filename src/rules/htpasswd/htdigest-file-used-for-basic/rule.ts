import type { Rule } from '../../../engine/rule';
import { freshHashCommand } from '../../../htpasswd/fresh-hash';

/** H21: user:realm:md5 lines are htdigest's format; Basic auth takes the realm for the hash. */
export const htdigestFileUsedForBasic: Rule = {
  meta: {
    id: 'htpasswd/htdigest-file-used-for-basic',
    severity: 'error',
    description: 'An htdigest file (user:realm:hash) used for Basic auth: the realm is taken as the hash, so no login works.',
  },
  check(context) {
    for (const model of context.htpasswd) {
      if (!model.part.first) continue; // a file-wide finding: once, in the first window of a big file
      // An htdigest file nothing reads with Basic auth is just an htdigest file.
      if (!model.isHtdigest || !model.referenced) continue;
      const first = model.entries()[0];
      if (!first) continue;
      context.report({
        file: model.file,
        range: first.hashRange,
        message: `every entry has the form user:realm:hash, the htdigest format (htdigest, AuthType Digest)${model.referenced ? ', but Basic auth reads it' : ''}: the realm is taken as the password hash, so every login fails with 401 ("password mismatch" / AH01617)`,
        related: model.referenceRelated(),
        fix: { snippet: '', commands: [freshHashCommand(model.servers, model.platformId, (model.file.serverPath ?? model.file.diskPath).replace(/digest/i, 'passwd'), 'USERNAME', 'create')] },
      });
    }
  },
};
