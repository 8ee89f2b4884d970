import { neutralizeTemplate, templateLanguage } from '../src/core/templates';

describe('templateLanguage', () => {
  test.each([
    ['Jinja statement', 'site.conf', 'server {\n{% if tls %}\n    listen 443 ssl;\n{% endif %}\n}\n', 'Jinja/Liquid'],
    ['Jinja with whitespace control', 'site.conf', '{%- for u in users -%}\nallow {{ u }};\n{%- endfor %}\n', 'Jinja/Liquid'],
    ['ERB statement', 'vhost.conf', '<% if @ssl %>\nSSLEngine on\n<% end %>\n', 'ERB'],
    ['Mustache/Helm values in a .tmpl', 'default.conf.tmpl', 'server_name {{ .Values.host }};\n', 'Jinja/Liquid/Mustache'],
    ['ERB output in a .erb', 'site.erb', 'ServerName <%= @name %>\n', 'ERB'],
  ])('%s', (_name, file, text, language) => {
    expect(templateLanguage(text, file)).toBe(language);
  });

  test.each([
    ['nginx variables', 'site.conf', 'return 301 https://${host}$request_uri;\n'],
    ['envsubst template', 'default.conf.template', 'listen ${NGINX_PORT};\nserver_name ${NGINX_HOST};\n'],
    ['a regex quantifier', 'site.conf', 'location ~ "^/v[0-9]{1,2}/" { return 404; }\n'],
    ['braces in a plain .conf', 'site.conf', 'add_header X-Json "{{not a tag in a plain file}}";\n'],
  ])('not a template: %s', (_name, file, text) => {
    expect(templateLanguage(text, file)).toBeUndefined();
  });
});

describe('neutralizeTemplate', () => {
  test('keeps every line and column where it was', () => {
    const text = 'server {\n{% if x %}\n  root /srv/{{ site }};\n{% endif %}\n}\n';
    const out = neutralizeTemplate(text);
    expect(out.length).toBe(text.length);
    expect(out.split('\n').map((line) => line.length)).toEqual(text.split('\n').map((line) => line.length));
  });

  test('a value holding an expression becomes a placeholder; a whole-line expression a blank', () => {
    const out = neutralizeTemplate('  auth_basic_user_file /data/access/{{ id }};\n  {{ client | nginxAccessRule }}\n');
    expect(out).toBe('  auth_basic_user_file /data/access/@@xxxx@@;\n                                \n');
  });

  test('only the first branch of a condition stays', () => {
    const out = neutralizeTemplate('{% if any %}\nsatisfy any;\n{% else %}\nsatisfy all;\n{% endif %}\ndeny all;\n');
    expect(out).toContain('satisfy any;');
    expect(out).not.toContain('satisfy all;');
    expect(out).toContain('deny all;');
  });

  test('nested conditions and ERB blocks', () => {
    const out = neutralizeTemplate('<% if @a %>\n<% if @b %>\nA\n<% else %>\nB\n<% end %>\nC\n<% else %>\nD\n<% end %>\nE\n');
    expect(out.replace(/\s+/g, ' ').trim()).toBe('A C E');
  });

  test("a case's first when is its first branch", () => {
    const out = neutralizeTemplate('{% case mode %}\n{% when "a" %}\nA\n{% when "b" %}\nB\n{% endcase %}\n');
    expect(out.replace(/\s+/g, ' ').trim()).toBe('A');
  });
});
