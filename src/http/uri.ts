/**
 * The URI nginx matches locations against: percent-decoded, with `//` merged (merge_slashes
 * on, the default) and `.`/`..` segments resolved (ngx_http_parse_complex_uri). Returns
 * undefined for a URI nginx rejects (a `..` above the root, an invalid escape: 400).
 */
export function normalizeUri(raw: string): string | undefined {
  if (uriProblem(raw)) return undefined;
  let path = decodePercent(raw.split('?')[0].split('#')[0] || '/');
  path = path.replace(/\/{2,}/g, '/');
  const out: string[] = [];
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    if (part === '.') {
      if (i === parts.length - 1) out.push('');
      continue;
    }
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      if (i === parts.length - 1) out.push('');
      continue;
    }
    out.push(part);
  }
  return '/' + out.join('/');
}

/**
 * Why nginx answers "400 Bad Request" to a request target before any configuration applies,
 * or undefined: a "%" not followed by two hex digits, an escaped NUL (%00), or a ".." that
 * climbs above the root (ngx_http_parse_complex_uri).
 */
export function uriProblem(raw: string): string | undefined {
  const path = raw.split('?')[0].split('#')[0];
  const escape = /%(?![0-9A-Fa-f]{2})/.exec(path);
  if (escape) return `"${path.slice(escape.index, escape.index + 3)}" is not a valid percent-escape: nginx answers 400 Bad Request ("client sent invalid request")`;
  if (/%00/.test(path)) return 'an escaped NUL byte (%00) in the path: nginx answers 400 Bad Request';
  return undefined;
}

/** Percent-decoding byte by byte, as the servers do: UTF-8 when the bytes are UTF-8, else one character per byte. */
export function decodePercent(text: string): string {
  if (!text.includes('%')) return text;
  const bytes = Buffer.from(text.replace(/%([0-9A-Fa-f]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  const utf8 = bytes.toString('utf8');
  return Buffer.from(utf8, 'utf8').equals(bytes) ? utf8 : bytes.toString('latin1');
}

/**
 * The Host header as nginx keeps it (ngx_http_validate_host): lower-cased, one trailing dot
 * removed; undefined for a host nginx rejects with 400 (two dots in a row, a character outside
 * the URI host syntax, nothing left).
 */
export function validateHost(host: string): string | undefined {
  let name = host.toLowerCase();
  if (name.startsWith('[')) return /^\[[0-9a-f:.]+\]$/.test(name) ? name : undefined;
  if (/\.\./.test(name) || !/^[a-z0-9\-._~!$&'()*+,;=%]*$/.test(name)) return undefined;
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name === '' ? undefined : name;
}

export interface ParsedUrl {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  readonly uri: string;
  readonly args: string;
}

/** Parse `http://host:port/path?args` (or a bare `/path`, for host-less requests). */
export function parseRequestUrl(text: string): ParsedUrl | undefined {
  if (text.startsWith('/')) return { scheme: 'http', host: '', port: 80, uri: text.split('?')[0], args: text.split('?')[1] ?? '' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  // URL() already resolves dot segments; keep the raw path so nginx's own normalisation applies.
  const rawPath = text.replace(/^[a-z]+:\/\/[^/?#]*/i, '') || '/';
  return { scheme, host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port, uri: rawPath.split('?')[0].split('#')[0] || '/', args: url.search.slice(1) };
}
