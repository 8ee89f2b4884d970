import * as path from 'node:path';
import { detectScheme } from '../htpasswd/schemes';
import { directiveSpec } from '../parsers/nginx/directive-table';
import { contentEvidence } from './content-evidence';
import { TEMPLATE_EXTENSION } from '../core/templates';

import type { FileKind } from '../core/file-kind';

export type { FileKind };

const HTPASSWD_NAME = /(^|[._-])ht(passwd|digest)([._-]|$)|^\.?htpasswd|^\.?htdigest|\.htpasswd$|\.htdigest$|^htpasswd[._-]?/i;
/** `.htaccess` itself, or a copy a package or a repository keeps under another name (roundcube's `htaccess`, `htaccess.dist`). */
const HTACCESS_COPY = /^\.?htaccess(\.(txt|dist|example|sample|default|orig|in))?$/i;
const NGINX_DIR = /(^|\/)(nginx|sites-available|sites-enabled|conf\.d|snippets|nginx\/[^/]+)\//;
const APACHE_NAME = /^(apache2?|httpd)\.conf$/;
const APACHE_DIR = /(^|\/)(apache2?|httpd)\//;

/** Section tags (any case) that only Apache httpd uses. */
const APACHE_SECTION = /^\s*<\/?(VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|IfDefine|IfVersion|Limit|LimitExcept|RequireAll|RequireAny|RequireNone|Proxy|If|Else|ElseIf)\b/i;
/**
 * Apache directives as configs write them: CamelCase, no trailing ";". nginx has some of the
 * same words in lower case (include, listen, return), so the match is case-sensitive.
 */
const APACHE_DIRECTIVE =
  /^\s*(LoadModule|ServerRoot|ServerName|ServerAlias|DocumentRoot|AllowOverride|AuthType|AuthName|AuthUserFile|AuthGroupFile|Require|Options|RewriteEngine|RewriteRule|RewriteCond|Order|Allow from|Deny from|Satisfy|ErrorDocument|Header|SetEnvIf|AddType|AddHandler|DirectoryIndex|Include|IncludeOptional|Listen|ProxyPass|Redirect|RedirectMatch|ExpiresActive|ExpiresByType|AddDefaultCharset|AddOutputFilterByType|FileETag|php_value|php_flag)\s[^;]*$/;
const APACHE_LINE = { test: (line: string): boolean => APACHE_SECTION.test(line) || APACHE_DIRECTIVE.test(line) };
/** A line shaped like an nginx directive: lowercase name, arguments, ending in `;` or `{`. */
const NGINX_LINE = /^\s*([a-z_][a-z0-9_]*)(\s[^#]*)?[;{]\s*(#.*)?$|^\s*}\s*$/;

/**
 * Decide what kind of file this is, by name and place first and by content when those are
 * not enough. Returns undefined for files authlint does not lint.
 */
export function classify(filePath: string, head: string): FileKind | undefined {
  // A template is named for what it renders (`admin.htaccess.erb`, `nginx.conf.j2`).
  const base = path.basename(filePath).replace(TEMPLATE_EXTENSION, '');
  const slashed = filePath.split(path.sep).join('/');
  if (base.endsWith('.htaccess') || HTACCESS_COPY.test(base)) return 'htaccess';
  if (HTPASSWD_NAME.test(base)) return 'htpasswd';
  if (APACHE_NAME.test(base)) return 'apache';
  if (base === 'nginx.conf') return 'nginx';
  const { nginx, apache } = scoreContent(head);
  // A config line rules out a password file; only then is the slower hash sniffing needed.
  if (nginx === 0 && apache === 0 && looksLikePasswordFile(head)) return 'htpasswd';
  if (apache > nginx && (APACHE_DIR.test(slashed) || apache >= 2)) {
    // XML's <files>, <proxy> match the quick section shapes in any case; httpd's spelling decides.
    return APACHE_DIR.test(slashed) || contentEvidence(head).apache > 0 ? 'apache' : undefined;
  }
  // Data files such as mime.types or fastcgi_params are nginx syntax too; plain text with a
  // stray semicolon is not: ask for two directive-shaped lines, or one in an nginx place.
  if (apache <= nginx && nginx > 0 && (nginx >= 2 || NGINX_DIR.test(slashed))) {
    // Closing braces and `name …;` lines are also lighttpd's, a shell function's or an init
    // script's: without one directive nginx itself defines, the shapes are not enough.
    const evidence = contentEvidence(head);
    const nginxish = evidence.nginx + evidence.nginxOther;
    if (evidence.nginx === 0 && evidence.other > evidence.nginxOther) return undefined;
    return nginxish >= FEW * (nginxish + evidence.apache + evidence.apacheOther + evidence.other) ? 'nginx' : undefined;
  }
  return byDirectiveTables(head, slashed);
}

/**
 * The second look, for what the quick shapes leave undecided: most of the file's statements
 * must be directives the server's own table defines (a third-party nginx module's statements
 * count in an nginx place). A lone known word among prose, INI keys or shell does not qualify.
 */
function byDirectiveTables(head: string, slashed: string): FileKind | undefined {
  const evidence = contentEvidence(head);
  const statements = evidence.nginx + evidence.nginxOther + evidence.apache + evidence.apacheOther + evidence.other;
  // Only comments (a disabled conf-available file, a placeholder include): its place says which.
  if (statements === 0 && head.trim() !== '') return APACHE_DIR.test(slashed) ? 'apache' : NGINX_DIR.test(slashed) ? 'nginx' : undefined;
  if (evidence.apache > 0 && evidence.apache >= MOSTLY * statements) return 'apache';
  const apacheLike = evidence.apache + (APACHE_DIR.test(slashed) ? evidence.apacheOther : 0);
  if (apacheLike > 0 && APACHE_DIR.test(slashed) && apacheLike >= MOSTLY * statements) return 'apache';
  const nginxLike = evidence.nginx + (NGINX_DIR.test(slashed) ? evidence.nginxOther : 0);
  if (nginxLike > 0 && (evidence.nginx > 0 || NGINX_DIR.test(slashed)) && nginxLike >= MOSTLY * statements) return 'nginx';
  return undefined;
}

/** The share of a file's statements that must be the server's own directives. */
const MOSTLY = 0.6;
/** Below this share of nginx statements, braces and semicolons are a script's or another program's. */
const FEW = 0.2;

function scoreContent(head: string): { nginx: number; apache: number } {
  let nginx = 0;
  let apache = 0;
  for (const line of head.split('\n', 200)) {
    if (APACHE_LINE.test(line)) apache++;
    else if (NGINX_LINE.test(line)) nginx++;
  }
  return { nginx, apache };
}

/**
 * user:hash lines (or htdigest's user:realm:md5) and nothing else, with at least one hash of
 * a known scheme. /etc/passwd (7 fields), /etc/shadow (9) and /etc/group (4) do not qualify.
 */
function looksLikePasswordFile(head: string): boolean {
  let hashes = 0;
  let entries = 0;
  for (const raw of head.replace(/^\uFEFF/, '').split(/\r?\n/, 400)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    if (fields.length < 2 || fields.length > 3 || fields[0] === '') return false;
    entries++;
    if (fields.length === 3 && /^[0-9a-f]{32}$/.test(fields[2])) hashes++;
    else if (fields.length === 2) {
      const scheme = detectScheme(fields[1]);
      if (scheme.id !== 'plaintext' && scheme.id !== 'empty' && scheme.id !== 'des' && !scheme.malformed) hashes++;
    }
  }
  return entries > 0 && hashes > 0;
}

/** Apache section tags as configs write them (canonical case): XML's <proxy> or <files> are not. */
const APACHE_SECTION_CANONICAL = /^\s*<\/?(VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|IfDefine|IfVersion|Limit|LimitExcept|RequireAll|RequireAny|RequireNone|Proxy)[\s>]/;

/**
 * Whether a file found by walking a directory is a config beyond doubt. `classify` is generous
 * (a file named on the command line is what the user says it is); a walk of /etc meets shell
 * scripts, XML, Java policies and other programs' .conf files, and a syntax error reported in
 * one of those is noise. Strong: the file's name or place says so, or its content is mostly
 * the server's own directives (nginx: names from nginx's directive table; Apache: canonical
 * directives and section tags) and it is neither a script nor XML.
 */
export function strongEvidence(kind: FileKind, filePath: string, head: string): boolean {
  if (kind === 'htaccess' || kind === 'htpasswd') return true;
  const base = path.basename(filePath);
  const slashed = filePath.split(path.sep).join('/');
  if (base === 'nginx.conf' || APACHE_NAME.test(base)) return true;
  if (/^#!/.test(head) || /^\s*<\?xml/.test(head)) return false;
  const lines = head.split('\n', 400);
  if (kind === 'apache') {
    if (APACHE_DIR.test(slashed)) return true;
    const known = lines.filter((line) => APACHE_DIRECTIVE.test(line) || APACHE_SECTION_CANONICAL.test(line)).length;
    if (known >= 2) return true;
    // Directives the common list lacks (ServerTokens, TraceEnable…): two or more, and most of the file.
    const evidence = contentEvidence(head);
    return evidence.apache >= 2 && evidence.apache >= MOSTLY * (evidence.apache + evidence.apacheOther + evidence.nginx + evidence.nginxOther + evidence.other);
  }
  if (NGINX_DIR.test(slashed)) return true;
  let shaped = 0;
  let known = 0;
  for (const line of lines) {
    const m = NGINX_LINE.exec(line);
    if (!m || !m[1]) continue;
    shaped++;
    if (directiveSpec(m[1])) known++;
  }
  return known >= 2 && known >= shaped * 0.6;
}
