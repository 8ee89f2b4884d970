/**
 * Access-log line formats: the common and combined formats both servers write by default, and
 * — with --config — the formats a configuration defines (nginx `log_format`, Apache `LogFormat`),
 * compiled to one regular expression each. Only the fields an auth report needs are captured.
 */

export interface AccessFields {
  readonly client?: string;
  readonly user?: string;
  readonly time?: string;
  readonly request?: string;
  readonly method?: string;
  readonly path?: string;
  readonly status?: string;
  readonly host?: string;
}

export interface AccessFormat {
  readonly name: string;
  parse(line: string): AccessFields | undefined;
}

type Field = keyof AccessFields;

/** A quoted field as both servers write it: `"` inside is escaped (nginx \x22, Apache \"). */
const QUOTED_BODY = '((?:[^"\\\\]|\\\\.)*)';

/** common / combined (Apache's `%h %l %u %t "%r" %>s %b`, nginx's `combined`), with optional vhost prefix. */
const COMBINED = new RegExp(`^(?:\\S+ )??(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] "${QUOTED_BODY}" (\\d{3}) (?:\\S+)(?: "${QUOTED_BODY}" "${QUOTED_BODY}")?`);

export const DEFAULT_ACCESS_FORMATS: readonly AccessFormat[] = [
  {
    name: 'combined',
    parse(line) {
      const m = COMBINED.exec(line);
      return m ? { client: m[1], user: m[2], time: m[3], request: m[4], status: m[5] } : undefined;
    },
  },
];

/** nginx variables → the field they fill, and the pattern their value has. */
const NGINX_VARIABLES: Record<string, [Field | undefined, string]> = {
  remote_addr: ['client', '(\\S+)'],
  binary_remote_addr: [undefined, '(.*?)'],
  realip_remote_addr: [undefined, '(\\S+)'],
  remote_user: ['user', '(.*?)'],
  time_local: ['time', '([^\\]]+?)'],
  time_iso8601: ['time', '(\\S+)'],
  request: ['request', '(.*?)'],
  request_method: ['method', '([A-Z]+)'],
  request_uri: ['path', '(\\S*)'],
  uri: ['path', '(\\S*)'],
  status: ['status', '(\\d{3})'],
  host: ['host', '(\\S*)'],
  http_host: ['host', '(\\S*)'],
  server_name: ['host', '(\\S*)'],
};

/** Apache's % directives → field and pattern. */
const APACHE_DIRECTIVES: Record<string, [Field | undefined, string]> = {
  h: ['client', '(\\S+)'],
  a: ['client', '(\\S+)'],
  u: ['user', '(.*?)'],
  t: ['time', '\\[([^\\]]+)\\]'],
  r: ['request', '(.*?)'],
  m: ['method', '([A-Z]+)'],
  U: ['path', '(\\S*)'],
  s: ['status', '(\\d{3})'],
  '>s': ['status', '(\\d{3})'],
  v: ['host', '(\\S*)'],
  V: ['host', '(\\S*)'],
  '{Host}i': ['host', '(\\S*)'],
};

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function compiled(name: string, parts: readonly (string | [Field | undefined, string])[]): AccessFormat {
  let source = '^';
  const fields: Field[] = [];
  for (const part of parts) {
    if (typeof part === 'string') source += escapeRegex(part);
    else {
      source += part[1];
      fields.push(part[0] as Field);
    }
  }
  const regex = new RegExp(`${source}$`);
  return {
    name,
    parse(line) {
      const m = regex.exec(line);
      if (!m) return undefined;
      const out: Record<string, string> = {};
      fields.forEach((field, i) => {
        if (field && out[field] === undefined) out[field] = m[i + 1];
      });
      return out as AccessFields;
    },
  };
}

/** An nginx `log_format NAME '…' '…';` string (its parts joined) as a format. */
export function nginxLogFormat(name: string, format: string): AccessFormat {
  const parts: (string | [Field | undefined, string])[] = [];
  let last = 0;
  for (const m of format.matchAll(/\$(?:\{(\w+)\}|(\w+))/g)) {
    if ((m.index as number) > last) parts.push(format.slice(last, m.index));
    const variable = m[1] ?? m[2];
    parts.push(NGINX_VARIABLES[variable] ?? [undefined, '(.*?)']);
    last = (m.index as number) + m[0].length;
  }
  if (last < format.length) parts.push(format.slice(last));
  return compiled(`nginx log_format ${name}`, parts);
}

/** An Apache `LogFormat "…" nickname` string as a format. */
export function apacheLogFormat(name: string, format: string): AccessFormat {
  const parts: (string | [Field | undefined, string])[] = [];
  let last = 0;
  for (const m of format.matchAll(/%[<>]?(?:\{[^}]*\}[a-zA-Z]|[a-zA-Z%])/g)) {
    if ((m.index as number) > last) parts.push(format.slice(last, m.index).replace(/\\"/g, '"'));
    const key = m[0].slice(1).replace(/^</, '');
    if (key === '%') parts.push('%');
    else parts.push(APACHE_DIRECTIVES[key] ?? APACHE_DIRECTIVES[key.replace(/^>/, '')] ?? [undefined, '(.*?)']);
    last = (m.index as number) + m[0].length;
  }
  if (last < format.length) parts.push(format.slice(last).replace(/\\"/g, '"'));
  return compiled(`Apache LogFormat ${name}`, parts);
}
