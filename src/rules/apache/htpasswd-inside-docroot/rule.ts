import * as path from 'node:path';
import { isAtOrBelow, own, walkApacheScopes } from '../../../apache/scopes';
import type { Rule } from '../../../engine/rule';
import { apacheCommands } from '../common';
import { sh } from '../../../core/shell';
import { refusedByFiles } from '../shared/files-and-proxy';

/** A27: a password file Apache itself would serve. */
export const htpasswdInsideDocroot: Rule = {
  meta: {
    id: 'apache/htpasswd-inside-docroot',
    severity: 'error',
    description: 'The AuthUserFile lies under a DocumentRoot (or Alias target) and no <Files> rule refuses it: its hashes can be downloaded.',
  },
  check(context) {
    for (const model of context.apache) {
      const roots: { dir: string; url: string }[] = [];
      for (const scope of walkApacheScopes(model.root)) {
        for (const d of own(scope, 'DocumentRoot')) if (d.args[0]) roots.push({ dir: d.args[0].replace(/\/+$/, ''), url: '/' });
        for (const d of own(scope, 'Alias')) if (d.args[0] && d.args[1]) roots.push({ dir: d.args[1].replace(/\/+$/, ''), url: d.args[0] });
      }
      const seen = new Set<string>();
      for (const scope of model.scopes()) {
        for (const d of own(scope, 'AuthUserFile')) {
          const file = model.serverPath(d.args[0] ?? '');
          if (seen.has(file)) continue;
          seen.add(file);
          const root = roots.find((r) => isAtOrBelow(path.posix.dirname(file), r.dir));
          if (!root || refusedByFiles(model, path.posix.basename(file))) continue;
          const url = (root.url.replace(/\/+$/, '') + file.slice(root.dir.length)).replace(/\/{2,}/g, '/');
          context.report({
            file: d.file,
            range: d.directive.args[0].range,
            chain: d.chain,
            message: `the password file ${file} lies under ${root.dir}, and no <Files> rule refuses "${path.posix.basename(file)}": GET ${url} downloads the hashes (200)`,
            fix: { snippet: '# outside every DocumentRoot:\nAuthUserFile /etc/apache2/.htpasswd\n<Files ".ht*">\n    Require all denied\n</Files>', commands: [sh`mv ${file} /etc/apache2/.htpasswd`, ...apacheCommands(model)] },
          });
        }
      }
    }
  },
};
