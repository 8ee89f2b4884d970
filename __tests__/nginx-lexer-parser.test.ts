import { directivesOf, type NginxDirective } from '../src/parsers/nginx/ast';
import { parseNginx } from '../src/parsers/nginx/parser';

const only = (text: string): NginxDirective[] => directivesOf(parseNginx(text).nodes);
const errors = (text: string) => parseNginx(text).errors.map((e) => ({ message: e.message, line: e.range.start.line, column: e.range.start.column }));

describe('nginx tokenizer, as ngx_conf_read_token', () => {
  test('directive and argument ranges are exact (1-based, end exclusive)', () => {
    const [d] = only('  auth_basic  "Admin area" ;\n');
    expect(d.name).toBe('auth_basic');
    expect(d.nameWord.range).toMatchObject({ start: { line: 1, column: 3, offset: 2 }, end: { line: 1, column: 13 } });
    expect(d.args[0]).toMatchObject({ raw: '"Admin area"', value: 'Admin area', quote: '"' });
    expect(d.args[0].range).toMatchObject({ start: { line: 1, column: 15 }, end: { line: 1, column: 27 } });
    expect(d.range).toMatchObject({ start: { line: 1, column: 3 }, end: { line: 1, column: 29 } });
  });

  test('# starts a comment only at the start of a token', () => {
    const result = parseNginx('return 200 foo#bar; # real comment\n');
    const [d] = directivesOf(result.nodes);
    expect(d.args.map((a) => a.value)).toEqual(['200', 'foo#bar']);
    expect(result.nodes[1]).toMatchObject({ type: 'comment', text: ' real comment', range: { start: { line: 1, column: 21 } } });
  });

  test('comments between arguments and after ; are kept in order', () => {
    const result = parseNginx('listen 80 # port\n  default_server;#x\n');
    expect(result.nodes.map((n) => n.type)).toEqual(['comment', 'directive', 'comment']);
    expect(directivesOf(result.nodes)[0].args.map((a) => a.value)).toEqual(['80', 'default_server']);
  });

  test('escapes: \\" \\\' \\\\ \\t \\r \\n are translated, others kept', () => {
    const [d] = only('x "a\\"b" \'c\\\'d\' e\\\\f "g\\th" "\\d";');
    expect(d.args.map((a) => a.value)).toEqual(['a"b', "c'd", 'e\\f', 'g\th', '\\d']);
    expect(d.args[0].raw).toBe('"a\\"b"');
  });

  test('a quote inside a word is an ordinary character', () => {
    expect(only('add_header X a"b;')[0].args[1].value).toBe('a"b');
  });

  test('${var} keeps its braces; { after other characters opens a block', () => {
    const [d] = only('try_files /abc/${uri} /abc/${uri}.html =404;');
    expect(d.args.map((a) => a.value)).toEqual(['/abc/${uri}', '/abc/${uri}.html', '=404']);
    const [loc] = only('location /x{ return 204; }');
    expect(loc.args.map((a) => a.value)).toEqual(['/x']);
    expect(directivesOf(loc.block)[0].name).toBe('return');
  });

  test('} inside a word is part of the word, as in nginx', () => {
    expect(errors('return 200 a}')).toEqual([{ message: 'unexpected end of file, expecting ";" or "}"', line: 1, column: 14 }]);
  });

  test('a character right after a closing quote is an error, ) and ; are not', () => {
    expect(errors('return 200 "x"y;')).toEqual([{ message: 'unexpected "y"', line: 1, column: 15 }]);
    expect(errors('if ($a = "x") { return 204; }')).toEqual([]);
  });

  test('blocks nest, and block ranges end after the closing brace', () => {
    const [http] = only('http {\n  server {\n    location / { }\n  }\n}\n');
    const server = directivesOf(http.block)[0];
    expect(server.range).toMatchObject({ start: { line: 2, column: 3 }, end: { line: 4, column: 4 } });
    expect(directivesOf(server.block)[0].name).toBe('location');
  });

  test('CRLF line endings: positions count lines by LF, CR is whitespace', () => {
    const [a, b] = only('a 1;\r\nb "x";\r\n');
    expect(b.range.start).toMatchObject({ line: 2, column: 1 });
    expect(a.args[0].value).toBe('1');
    expect(b.args[0].value).toBe('x');
  });

  test('*_by_lua_block bodies are one word; braces in Lua strings and comments do not count', () => {
    const [d] = only('content_by_lua_block {\n  local t = { a = "}" } -- }\n  ngx.say([[}]])\n}\nlisten 80;');
    expect(d.args).toHaveLength(1);
    expect(d.args[0].luaBlock).toBe(true);
    expect(d.args[0].value).toContain('ngx.say([[}]])');
    expect(only('content_by_lua_block { x() }\nlisten 80;')[1].name).toBe('listen');
  });
});

describe('syntax errors have positions and parsing recovers', () => {
  test('missing ; before } (nginx: unexpected "}")', () => {
    const text = 'server {\n  location / {\n    proxy_pass http://a\n  }\n  listen 80;\n}\n';
    expect(errors(text)).toEqual([{ message: 'unexpected "}"', line: 4, column: 3 }]);
    const server = only(text)[0];
    expect(directivesOf(server.block).map((d) => d.name)).toEqual(['location', 'listen']);
  });

  test('missing ; between two directives on separate lines', () => {
    const text = 'location / {\n  auth_basic "A"\n  auth_basic_user_file /x;\n}\n';
    const result = parseNginx(text);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      message: 'missing ";" after "A"',
      nginxMessage: 'invalid number of arguments in "auth_basic" directive',
      range: { start: { line: 2, column: 17 }, end: { line: 2, column: 17 } },
    });
    expect(directivesOf(only(text)[0].block).map((d) => [d.name, d.args.length])).toEqual([
      ['auth_basic', 1],
      ['auth_basic_user_file', 1],
    ]);
  });

  test('no missing-; heuristic inside map/types data blocks or for directives with free argument counts', () => {
    expect(errors('map $uri $x {\n  default off;\n  /a 1;\n}\n')).toEqual([]);
    expect(errors('server_name a.example\n  b.example;\n')).toEqual([]);
  });

  test('unclosed block: reported at end of file, naming the block and its line', () => {
    expect(errors('http {\n  server {\n    listen 80;\n')).toEqual([
      {
        message: 'unexpected end of file, expecting "}" (the "server" block opened at line 2 and the "http" block opened at line 1 are not closed)',
        line: 4,
        column: 1,
      },
    ]);
  });

  test('stray } at top level', () => {
    expect(errors('listen 80;\n}\nlisten 81;\n')).toEqual([{ message: 'unexpected "}"', line: 2, column: 1 }]);
    expect(only('listen 80;\n}\nlisten 81;\n')).toHaveLength(2);
  });

  test('unterminated quote: reported at the opening quote, the next lines still parse', () => {
    const text = 'auth_basic "Admin;\nauth_basic_user_file /x;\n';
    expect(errors(text)[0]).toEqual({ message: 'unterminated string: missing closing "', line: 1, column: 12 });
    expect(only(text).map((d) => d.name)).toContain('auth_basic_user_file');
  });

  test('unexpected ; and { with no directive name', () => {
    expect(errors(';\n')).toEqual([{ message: 'unexpected ";"', line: 1, column: 1 }]);
    expect(errors('{ listen 80; }\nlisten 81;')).toEqual([{ message: 'unexpected "{"', line: 1, column: 1 }]);
  });

  test('unexpected end of file with a directive pending keeps the directive', () => {
    const result = parseNginx('listen 80');
    expect(result.errors[0].message).toBe('unexpected end of file, expecting ";" or "}"');
    expect(directivesOf(result.nodes)[0]).toMatchObject({ name: 'listen', incomplete: true });
  });
});
