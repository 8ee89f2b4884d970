import { classify, strongEvidence } from '../src/discover/classify';

/**
 * Classification by content: a real config is recognised by the servers' own directive tables
 * even when it uses none of the common directives; a file that is not a config is never taken
 * for one on a single known word.
 */
describe('real configs the quick line shapes miss are recognised by the directive tables', () => {
  const apache: Record<string, string> = {
    'security.conf': 'ServerTokens OS\nServerSignature On\nTraceEnable Off\n',
    'one directive': '# Prevent Apache from adding a footer\n\nServerSignature Off\n',
    'module conf in an IfModule': '<IfModule mod_cgid.c>\n\tScriptSock ${APACHE_RUN_DIR}/cgisock\n</IfModule>\n',
    'languages': 'AddLanguage ca .ca\nAddLanguage cs .cz .cs\nLanguagePriority en ca cs\nForceLanguagePriority Prefer Fallback\nAddCharset UTF-8 .utf8\n',
    'dav lock file': 'DAVLockDB ${APACHE_LOCK_DIR}/DAVLock\n',
    'CSP header with semicolons': 'Header always set Content-Security-Policy "default-src \'self\'; img-src *"\nHeader always set X-Frame-Options DENY\n',
    'continued lines': 'LogFormat "%h %l %u %t \\\n  \\"%r\\" %>s %b" common\nCustomLog ${APACHE_LOG_DIR}/access.log common\n',
  };
  test.each(Object.entries(apache))('Apache: %s', (_name, text) => {
    expect(classify('/srv/repo/conf/site.conf', text)).toBe('apache');
  });

  const nginx: Record<string, string> = {
    'one directive': 'client_max_body_size 10m;\n',
    'a statement over several lines': 'add_header Content-Security-Policy "\n    default-src: \'none\';\n    font-src data: https://yastatic.net;";\n',
    'upstream only': 'upstream app {\n    server 127.0.0.1:8080;\n}\n',
  };
  test.each(Object.entries(nginx))('nginx: %s', (_name, text) => {
    expect(classify('/srv/repo/conf/site.conf', text)).toBe('nginx');
  });

  test("a third-party module's statements count in an nginx place only", () => {
    const naxsi = 'MainRule "str:--" "msg:mysql comment (--)" "mz:BODY|URL|ARGS|$HEADERS_VAR:Cookie" "s:$SQL:4" id:1007;\nMainRule "str:;" "msg:semicolon" "mz:BODY|URL|ARGS" "s:$SQL:4,$XSS:8" id:1008;\n';
    expect(classify('/etc/nginx/naxsi_core.rules', naxsi)).toBe('nginx');
    expect(classify('/srv/notes/rules.txt', naxsi)).toBeUndefined();
  });

  test('a file of comments only is what its place says, and unknown elsewhere', () => {
    const comments = '# AddDefaultCharset UTF-8\n# vim: syntax=apache\n';
    expect(classify('/etc/apache2/conf-available/charset.conf', comments)).toBe('apache');
    expect(classify('/etc/nginx/conf.d/disabled.conf', comments)).toBe('nginx');
    expect(classify('/srv/repo/notes.conf', comments)).toBeUndefined();
  });
});

describe('files that are not configs stay unrecognised', () => {
  const others: Record<string, string> = {
    'PAM (session is also a mod_session directive)': '@include common-auth\nauth optional pam_faildelay.so delay=3000000\nsession required pam_unix.so\nsession optional pam_systemd.so\n',
    sshd_config: 'Include /etc/ssh/sshd_config.d/*.conf\nProtocol 2\nPort 22\nPermitRootLogin no\nChallengeResponseAuthentication no\nUsePAM yes\nX11Forwarding yes\nAcceptEnv LANG LC_*\nSubsystem sftp /usr/lib/openssh/sftp-server\n',
    'INI file': '[Definition]\nfailregex = ^<HOST> .*401\nignoreregex =\n',
    'systemd unit': '[Unit]\nDescription=The web server\n[Service]\nExecStart=/usr/sbin/nginx\n',
    'XML with lower-case files tags': '<configuration>\n<files>\n<file name="a"/>\n</files>\n</configuration>\n',
    prose: 'This directory holds the site.\nUser accounts live elsewhere; ask the admins.\n',
    'YAML': 'server:\n  listen: 80\n  root: /srv\n',
    'crontab': 'SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n',
    'a lone known word among prose': 'Options are explained below.\nThe listen address is set by the installer and must not change.\nSee the manual for details on every setting.\n',
  };
  test.each(Object.entries(others))('%s', (_name, text) => {
    expect(classify('/srv/repo/etc/file.conf', text)).toBeUndefined();
  });
});

test('a walk takes an Apache file of less common directives only when most of it is directives', () => {
  const security = 'ServerTokens Prod\nServerSignature Off\nTraceEnable Off\n';
  expect(strongEvidence('apache', '/srv/repo/conf/security.conf', security)).toBe(true);
  expect(strongEvidence('apache', '/srv/repo/conf/footer.conf', 'ServerSignature Off\n')).toBe(false);
  const mostlyOther = 'ServerTokens Prod\nServerSignature Off\nfoo = 1\nbar = 2\nbaz = 3\nqux = 4\n';
  expect(strongEvidence('apache', '/srv/repo/conf/mixed.conf', mostlyOther)).toBe(false);
});

test('braces and semicolons alone do not make nginx: lighttpd, an init script without #!', () => {
  const lighttpd = 'alias.url += ("/roundcube" => "/var/lib/roundcube")\n$HTTP["url"] =~ "^/roundcube" {\n  server.follow-symlink = "enable"\n}\n$HTTP["url"] =~ "^/roundcube/config" {\n  url.access-deny = ( "" )\n}\n';
  expect(classify('/etc/roundcube/lighttpd.conf', lighttpd)).toBeUndefined();
  const init = 'NAME=app\nstatus() {\n\tif [ ! -r $PID_FILE ]; then\n\t\treturn 1\n\tfi\n\treturn 0;\n}\nstart() {\n\techo "Starting $NAME"\n\tstart-stop-daemon --start --exec $DAEMON\n}\nstop() {\n\tkill $(cat $PID_FILE)\n}\ncase "$1" in\n  start) start ;;\n  stop) stop ;;\nesac\n';
  expect(classify('/usr/share/doc/app/examples/nginx/app.init', init)).toBeUndefined();
});

test('an OpenResty file is nginx even when most of its lines are Lua', () => {
  const lua = 'location /api {\n    access_by_lua_block {\n        local token = ngx.var.http_authorization\n        if not token then\n            ngx.status = 401\n            ngx.header["WWW-Authenticate"] = "Bearer"\n            return ngx.exit(401)\n        end\n        local ok = verify(token)\n        if not ok then return ngx.exit(403) end\n    }\n    proxy_pass http://backend;\n}\n';
  expect(classify('/srv/repo/api.conf', lua)).toBe('nginx');
});

test('copies of .htaccess under another name are .htaccess; a build list named htaccess.conf is not', () => {
  expect(classify('/etc/roundcube/htaccess', 'RewriteEngine On\nRewriteRule ^favicon\\.ico$ skins/favicon.ico\n')).toBe('htaccess');
  expect(classify('/srv/joomla/htaccess.txt', 'Options +FollowSymlinks\nRewriteEngine On\n')).toBe('htaccess');
  expect(classify('/srv/h5bp/bin/htaccess.conf', 'title   "errors"\nenable  "h5bp/errors/custom_errors.conf"\ndisable "h5bp/errors/error_prevention.conf"\n')).toBeUndefined();
});

test("a third-party Apache module's directives count in an Apache place only", () => {
  expect(classify('/etc/apache2/mods-available/auth_mellon.conf', 'MellonPostDirectory "/var/cache/apache2/mod_auth_mellon/"\n')).toBe('apache');
  expect(classify('/etc/apache2/mods-available/mime_magic.conf', 'MIMEMagicFile /etc/apache2/magic\n')).toBe('apache');
  expect(classify('/srv/notes/todo.conf', 'Remember the milk\nCall Bob tomorrow\n')).toBeUndefined();
});

test('blocks written on one line are nginx', () => {
  expect(classify('/etc/nginx/conf.d/site.conf', 'server { listen 80; }\n')).toBe('nginx');
  expect(classify('/srv/repo/site.conf', 'location = /favicon.ico { access_log off; log_not_found off; }\n')).toBe('nginx');
});
