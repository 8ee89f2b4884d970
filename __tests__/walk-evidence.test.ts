import * as path from 'node:path';
import { lint } from '../src/lint';
import { makeTree, removeTree } from './helpers/tree';

/**
 * A directory walk (authlint /etc) takes only what is a config beyond doubt: no syntax errors in
 * shell scripts, XML, Java policies or other programs' .conf files; real configs in unusual
 * places are still linted. A file named on the command line is still taken as asked.
 */
test('non-configs under /etc are not linted; configs anywhere are', () => {
  const dir = makeTree({
    'init.d/nginx': '#!/bin/sh\nset -e;\nif [ -x /usr/sbin/nginx ]; then\n  return 0;\nfi\n',
    'bash.bashrc': 'shopt -s checkwinsize;\nexport PS1="$ ";\n',
    'maven/settings.xml': '<?xml version="1.0"?>\n<settings>\n  <proxies>\n    <proxy>\n      <host>x</host>\n    </proxy>\n  </proxies>\n</settings>\n',
    'java/java.policy': 'grant {\n    permission java.lang.RuntimePermission "stopThread";\n    permission java.net.SocketPermission "localhost:0", "listen";\n};\n',
    'fail2ban/action.d/complain.conf': '[Definition]\nactionban = printf %%b "Hi";\nactionunban = \n',
    'mke2fs.conf': '[defaults]\n\text4 = {\n\t\tfeatures = has_journal;\n\t}\n',
    'srv/web/site.conf': 'server {\n    listen 80;\n    server_name example.com;\n    location /admin/ {\n        auth_basic "Admin";\n    }\n}\n',
    'srv/web/vhost.conf': '<VirtualHost *:80>\n    ServerName example.com\n    <Location /admin>\n        AuthType Basic\n        Require valid-user\n    </Location>\n</VirtualHost>\n',
  });
  try {
    const result = lint([dir]);
    const linted = result.files.map((f) => path.relative(dir, f.file)).sort();
    expect(linted).toEqual(['srv/web/site.conf', 'srv/web/vhost.conf']);
    expect(result.findings.filter((f) => /syntax/.test(f.ruleId))).toEqual([]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['nginx/auth-basic-without-user-file']));
    // Named explicitly, a file is linted as asked (its syntax errors are the user's question).
    expect(lint([path.join(dir, 'java/java.policy')], { type: 'nginx' }).files).toHaveLength(1);
  } finally {
    removeTree(dir);
  }
});
