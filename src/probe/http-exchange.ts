import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** One request as sent (never with the Authorization value itself in it). */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  /** "Basic", "Bearer", or null: the scheme of the Authorization header sent, never its value. */
  readonly authorization: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** Each WWW-Authenticate header as sent (Node would join them with commas, which challenges also contain). */
  readonly wwwAuthenticate: readonly string[];
  /** The first 64 KiB of the body, as text. */
  readonly body: string;
  readonly ms: number;
  /** The TLS certificate problem, when --insecure let an invalid certificate through. */
  readonly certificateProblem: string | null;
}

export type ExchangeResult = { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly error: string };

export interface ExchangeOptions {
  readonly timeoutMs: number;
  readonly insecure: boolean;
  /** --resolve HOST:PORT:ADDR: connect to ADDR for HOST:PORT (curl's meaning). */
  readonly resolve: readonly { host: string; port: number; address: string }[];
}

const MAX_BODY = 64 * 1024;

/**
 * Send one HTTP(S) request with Node's own client: no redirect following (the caller follows
 * them, deciding where credentials may go), no keep-alive, a hard timeout, a bounded body. A
 * connection failure comes back as words a user can act on (DNS, refused, TLS, timeout).
 */
export function exchange(request: SentRequest, authorizationValue: string | null, options: ExchangeOptions): Promise<ExchangeResult> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const override = options.resolve.find((r) => r.host.toLowerCase() === hostname.toLowerCase() && r.port === port);
  const lookup: LookupFunction | undefined = override
    ? (_name, lookupOptions, callback) => {
        const family = override.address.includes(':') ? 6 : 4;
        if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: override.address, family }]);
        else callback(null, override.address, family);
      }
    : undefined;
  const headers: Record<string, string> = { 'User-Agent': 'authlint-probe', Accept: '*/*', Connection: 'close', ...request.headers };
  if (authorizationValue !== null) headers.Authorization = authorizationValue;
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: ExchangeResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = client.request(
      {
        protocol: url.protocol,
        hostname,
        port,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        agent: false,
        ...(lookup ? { lookup } : {}),
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.insecure, servername: /^[\d.:]+$/.test(hostname) ? undefined : hostname } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk.subarray(0, MAX_BODY - size));
          size += chunk.length;
        });
        res.on('end', () => {
          const socket = res.socket as TLSSocket | undefined;
          const authorizationError = socket && 'authorizationError' in socket && socket.authorizationError ? String(socket.authorizationError) : null;
          done({
            ok: true,
            answer: {
              status: res.statusCode ?? 0,
              headers: res.headers as Record<string, string | string[]>,
              wwwAuthenticate: rawValues(res.rawHeaders, 'www-authenticate'),
              body: Buffer.concat(chunks).toString('utf8'),
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              certificateProblem: authorizationError,
            },
          });
        });
        res.on('error', (error) => done({ ok: false, error: describeNetworkError(error, url) }));
      },
    );
    req.setTimeout(options.timeoutMs, () => {
      req.destroy();
      done({ ok: false, error: `no answer from ${url.host} within ${options.timeoutMs / 1000} s (timeout)` });
    });
    req.on('error', (error) => done({ ok: false, error: describeNetworkError(error, url) }));
    req.end();
  });
}

function describeNetworkError(error: Error, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${url.hostname}: the name does not resolve (DNS${code === 'EAI_AGAIN' ? ', temporary failure' : ''}); --resolve HOST:PORT:ADDR connects to an address directly`;
  if (code === 'ECONNREFUSED') return `${url.host}: connection refused (nothing listens there)`;
  if (code === 'ECONNRESET') return `${url.host}: the connection was reset`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${url.host}: host unreachable`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return `${url.host}: TLS certificate problem: ${error.message} (${code}); --insecure goes on anyway and reports it`;
  if (code === 'EPROTO' || /SSL|TLS/i.test(error.message)) return `${url.host}: TLS error: ${error.message}`;
  return `${url.host}: ${error.message}`;
}

/** The values of every header of one name, in order, from Node's flat [name, value, …] list. */
function rawValues(raw: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toLowerCase() === name) out.push(raw[i + 1]);
  return out;
}
