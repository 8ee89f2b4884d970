import * as path from 'node:path';
import { lint } from '../src/lint';
import { apacheDirectiveModule } from '../src/parsers/apache/directive-modules';
import { makeTree, removeTree } from './helpers/tree';

const HEAD = [
  'ServerRoot "/etc/apache2"',
  'Listen 127.0.0.1:8080',
  'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so',
  'LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so',
  'ErrorLog /var/log/apache2/error.log',
].join('\n');

function moduleFindings(body: string): string[] {
  const dir = makeTree({ 'etc/apache2/apache2.conf': `${HEAD}\n${body}\n` });
  try {
    return lint([path.join(dir, 'etc/apache2')], { root: dir })
      .findings.filter((f) => f.ruleId === 'apache/required-module-missing')
      .map((f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`);
  } finally {
    removeTree(dir);
  }
}

describe('apache/required-module-missing beyond the auth directives', () => {
  test('the table knows stock modules, case-insensitively, and not core or third-party directives', () => {
    expect(apacheDirectiveModule('rewriteengine')).toBe('rewrite_module');
    expect(apacheDirectiveModule('<Macro')).toBe('macro_module');
    expect(apacheDirectiveModule('DocumentRoot')).toBeUndefined();
    expect(apacheDirectiveModule('WSGIScriptAlias')).toBeUndefined();
  });

  test('a directive of a module no LoadModule loads is reported where Apache reads it', () => {
    expect(moduleFindings('RewriteEngine On\n<IfModule mod_rewrite.c>\n    RewriteRule ^ - [F]\n</IfModule>')).toEqual([
      "6:1 RewriteEngine needs rewrite_module",
    ]);
  });

  test('an unknown section is reported once; its contents are never read', () => {
    expect(moduleFindings('<Macro Site $name>\n    Header set X-Site $name\n</Macro>\nUse Site one')).toEqual(['6:1 <Macro needs macro_module', '9:1 Use needs macro_module']);
  });

  test('modules some builds compile in (log_config, unixd…) are never called missing', () => {
    expect(moduleFindings('CustomLog /var/log/apache2/access.log combined\nUser www-data')).toEqual([]);
  });

  test('without any LoadModule the modules are unknown, and nothing is reported', () => {
    const dir = makeTree({ 'etc/apache2/apache2.conf': 'ServerRoot "/etc/apache2"\nRewriteEngine On\n' });
    try {
      expect(lint([path.join(dir, 'etc/apache2')], { root: dir }).findings.filter((f) => f.ruleId === 'apache/required-module-missing')).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });
});

describe('apache/unknown-directive', () => {
  const findings = (files: Record<string, string>, entry: string) => {
    const dir = makeTree(files);
    try {
      return lint([path.join(dir, entry)], { root: dir })
        .findings.filter((f) => f.ruleId === 'apache/unknown-directive')
        .map((f) => `${path.basename(f.file)} ${f.line}:${f.column} ${f.message.split('?')[0]}`);
    } finally {
      removeTree(dir);
    }
  };

  test('typos of stock directives and sections are reported, case aside; third-party and IfModule-skipped ones are not', () => {
    const config = `${HEAD}\n<Directorry /var/www>\n    requre all granted\n</Directorry>\n<Locaton /x>\n    requre all granted\n</Locaton>\nWSGIScriptAlias / /srv/app.wsgi\nphp_value memory_limit 1G\n<IfModule mod_nothing.c>\n    AuthUsrFile /x\n</IfModule>\n`;
    expect(findings({ 'etc/apache2/apache2.conf': config }, 'etc/apache2')).toEqual([
      'apache2.conf 6:1 Unknown directive "<Directorry" — did you mean "<Directory"',
      'apache2.conf 9:1 Unknown directive "<Locaton" — did you mean "<Location"',
    ]);
  });

  test('in a .htaccess the message says 500', () => {
    const dir = makeTree({
      'etc/apache2/apache2.conf': `${HEAD}\nDocumentRoot /var/www/html\n<Directory /var/www/html>\n    AllowOverride AuthConfig\n</Directory>\n`,
      'var/www/html/admin/.htaccess': 'AuthType Basic\nAuthName "x"\nAuthUsrFile /etc/apache2/htpasswd\nRequire valid-user\n',
    });
    try {
      const finding = lint([path.join(dir, 'etc/apache2')], { root: dir }).findings.find((f) => f.ruleId === 'apache/unknown-directive');
      expect(finding?.line).toBe(3);
      expect(finding?.message).toContain('Every request under /var/www/html/admin/ gets 500');
    } finally {
      removeTree(dir);
    }
  });
});
