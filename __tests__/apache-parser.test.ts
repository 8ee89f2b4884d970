import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lint } from '../src/lint';
import { apacheDirectives, type ApacheNode } from '../src/parsers/apache/ast';
import { parseApache } from '../src/parsers/apache/parser';
import { parseEnvvars, moduleId } from '../src/apache/loader';
import { CORPUS, listCorpusFiles, describeCorpus } from './helpers/crossplane';

const errors = (text: string) => parseApache(text).errors.map((e) => ({ message: e.message, line: e.range.start.line, column: e.range.start.column }));

describe('Apache parser, as ap_cfg_getline and ap_getword_conf read a config', () => {
  test('directives, quoted words and exact ranges', () => {
    const [d] = apacheDirectives(parseApache('  AuthName "Admin \\"area\\""  \n').nodes);
    expect(d.name).toBe('AuthName');
    expect(d.nameRange).toMatchObject({ start: { line: 1, column: 3 }, end: { line: 1, column: 11 } });
    expect(d.args[0]).toMatchObject({ raw: '"Admin \\"area\\""', value: 'Admin "area"', quote: '"' });
    expect(d.args[0].range).toMatchObject({ start: { column: 12 }, end: { column: 28 } });
  });

  test('a word ends at whitespace; a quote opens a word only at its start', () => {
    const [d] = apacheDirectives(parseApache("Header set X a\"b 'c d'\n").nodes);
    expect(d.args.map((a) => a.value)).toEqual(['set', 'X', 'a"b', 'c d']);
  });

  test('comments are whole lines; a # later in a line is an argument', () => {
    const result = parseApache('# comment\nRequire valid-user # not a comment\n');
    expect(result.nodes[0]).toMatchObject({ type: 'comment', text: ' comment' });
    expect(apacheDirectives(result.nodes)[0].args.map((a) => a.value)).toEqual(['valid-user', '#', 'not', 'a', 'comment']);
  });

  test('a backslash at the end of a line continues it; ranges stay in the original text', () => {
    const [d] = apacheDirectives(parseApache('Require ip \\\n    10.0.0.0/8 \\\n    192.0.2.0/24\n').nodes);
    expect(d.args.map((a) => a.value)).toEqual(['ip', '10.0.0.0/8', '192.0.2.0/24']);
    expect(d.args[1].range.start).toMatchObject({ line: 2, column: 5 });
    expect(d.args[2].range.start).toMatchObject({ line: 3, column: 5 });
  });

  test('sections nest, names are case-insensitive', () => {
    const [vhost] = apacheDirectives(parseApache('<VirtualHost *:80>\n  <Directory "/var/www">\n    Require all granted\n  </directory>\n</VirtualHost>\n').nodes);
    expect(vhost.section?.closeRange?.start.line).toBe(5);
    const [dir] = apacheDirectives(vhost.section?.body);
    expect(dir.args[0].value).toBe('/var/www');
    expect(apacheDirectives(dir.section?.body)[0].name).toBe('Require');
  });

  test('errors: wrong closing tag, unmatched closing tag, missing ">", unclosed section', () => {
    expect(errors('<Directory /a>\n</Location>\n')).toEqual([
      { message: 'Expected </Directory> but saw </Location>', line: 2, column: 1 },
      { message: '<Directory> was not closed (opened at line 1)', line: 3, column: 1 },
    ]);
    expect(errors('</Files>\nRequire all granted\n')).toEqual([{ message: '</Files> without matching <Files> section', line: 1, column: 1 }]);
    expect(errors('<Directory /a\n</Directory>\n')[0]).toMatchObject({ message: "<Directory> directive missing closing '>'", line: 1 });
  });

  test('envvars and module names', () => {
    expect(parseEnvvars('export APACHE_RUN_USER=www-data\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n')).toEqual(
      new Map([['SUFFIX', ''], ['APACHE_RUN_USER', 'www-data'], ['APACHE_LOG_DIR', '/var/log/apache2']]),
    );
    expect(moduleId('mod_auth_basic.c')).toBe('auth_basic_module');
    expect(moduleId('authn_file_module')).toBe('authn_file_module');
  });

  test('fuzz: any input parses without throwing, every range inside the text', () => {
    const alphabet = ['<', '>', '/', '"', "'", '\\', '\n', ' ', '#', 'a', 'Directory', 'Require', '\r'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 300 }), (chars) => {
        const text = chars.join('');
        const result = parseApache(text);
        const visit = (nodes: readonly ApacheNode[]): void => {
          for (const node of nodes) {
            expect(node.range.end.offset).toBeLessThanOrEqual(text.length);
            expect(node.range.start.offset).toBeLessThanOrEqual(node.range.end.offset);
            if (node.type === 'directive' && node.section) visit(node.section.body);
          }
        };
        visit(result.nodes);
        for (const error of result.errors) expect(error.range.start.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
  });
});

describeCorpus('every file of ../shared/corpus/apache', () => {
  test('parses; only the corpus\'s deliberately broken files have errors', () => {
    const broken: string[] = [];
    for (const rel of listCorpusFiles(path.join(CORPUS, 'apache'))) {
      if (parseApache(fs.readFileSync(path.join(CORPUS, 'apache', rel), 'utf8')).errors.length > 0) broken.push(rel);
    }
    expect(broken).toEqual([
      'certbot/apache-testdata/debian_apache_2_4/augeas_vhosts/apache2/conf-available/bad_conf_file.conf',
      'certbot/apache-testdata/debian_apache_2_4/multiple_vhosts/apache2/conf-available/bad_conf_file.conf',
    ]);
  });

  test('lints as a whole without a crash', () => {
    const result = lint([path.join(CORPUS, 'apache')]);
    expect(result.files.length).toBeGreaterThan(200);
  });
});
