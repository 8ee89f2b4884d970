/**
 * The URI nginx matches locations against: percent-decoded, with `//` merged (merge_slashes
 * on, the default) and `.`/`..` segments resolved (ngx_http_parse_complex_uri). Returns
 * undefined for a URI nginx rejects (a `..` above the root: 400).
 */
export function normalizeUri(raw: string): string | undefined {
  let path = raw.split('?')[0].split('#')[0] || '/';
  try {
    path = decodeURIComponent(path);
  } catch {
    // nginx leaves invalid escapes alone
  }
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
