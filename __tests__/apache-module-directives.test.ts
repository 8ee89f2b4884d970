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
