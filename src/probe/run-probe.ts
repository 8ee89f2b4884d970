import { randomBytes } from 'node:crypto';
import type { Finding } from '../core/finding';
import type { Severity } from '../core/severity';
import { DOCS_BASE } from '../version';
import { parseChallenges, type Challenge } from './challenges';
import { exchange, type Answer, type ExchangeOptions, type SentRequest } from './http-exchange';
import { decodeToken, type TokenClaims } from './jwt';

export type ExchangeLabel = 'anonymous' | 'wrong-credentials' | 'credentials' | 'preflight';

export interface Hop {
  readonly request: SentRequest;
  readonly status: number | null;
  readonly challenges: readonly Challenge[];
  readonly location: string | null;
  readonly ms: number | null;
  readonly error: string | null;
  /** Why credentials were not sent on this hop (another host, or https → http). */
  readonly credentialsWithheld: string | null;
}

export interface ProbeExchange {
  readonly label: ExchangeLabel;
  readonly hops: readonly Hop[];
  readonly status: number | null;
  readonly answer: Answer | null;
}

/** What the configuration on disk predicts for the same request (from `explain`), when --config is given. */
export interface Prediction {
  readonly anonymous: { status: number | null; reason: string };
  readonly wrongCredentials: { status: number | null; reason: string };
  readonly credentials?: { status: number | null; reason: string };
  /** Which server block / virtual host and location the prediction is for. */
  readonly where: string;
}

export interface ProbeInput {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly origin?: string;
  readonly credentials?: { readonly user: string; readonly password: string };
  readonly bearer?: string;
  readonly exchange: ExchangeOptions;
  readonly maxRedirects: number;
  readonly predict?: () => Prediction | undefined;
  /** The local clock, for skew against the server's Date (tests set it). */
  readonly now?: () => number;
}

export interface ProbeResult {
  readonly url: string;
  readonly exchanges: readonly ProbeExchange[];
  readonly findings: readonly Finding[];
  readonly prediction: Prediction | null;
  readonly token: TokenClaims | null;
  /** Set when the first request could not be made at all (DNS, refused, TLS, timeout). */
  readonly unreachable: string | null;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * Replicate the 401: the request as an anonymous client, with credentials that cannot be valid,
 * and — with --user/--bearer — with the real ones; read each answer as a browser would, and
 * compare it with what the configuration on disk predicts.
 */
export async function runProbe(input: ProbeInput): Promise<ProbeResult> {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  const wrong = input.bearer !== undefined ? `Bearer authlint-probe.${randomBytes(12).toString('hex')}.invalid` : basic(`authlint-probe-${randomBytes(4).toString('hex')}`, randomBytes(12).toString('hex'));
  const real = input.credentials ? basic(input.credentials.user, input.credentials.password) : input.bearer !== undefined ? `Bearer ${input.bearer}` : null;
  const headers = { ...input.headers, ...(input.origin ? { Origin: input.origin } : {}) };

  const anonymous = await follow('anonymous', input, input.method, headers, null);
  if (anonymous.hops[0]?.error && anonymous.status === null) {
    return { url: input.url, exchanges: [anonymous], findings: [], prediction: null, token: null, unreachable: anonymous.hops[0].error };
  }
  const exchanges: ProbeExchange[] = [anonymous, await follow('wrong-credentials', input, input.method, headers, wrong)];
  if (real !== null) exchanges.push(await follow('credentials', input, input.method, headers, real));
  if (input.origin) {
    exchanges.push(await follow('preflight', input, 'OPTIONS', { ...input.headers, Origin: input.origin, 'Access-Control-Request-Method': input.method, 'Access-Control-Request-Headers': 'authorization' }, null));
  }
  const token = input.bearer !== undefined ? decodeToken(input.bearer) : null;
  const prediction = input.predict?.() ?? null;
  return { url: input.url, exchanges, findings: findingsOf(input, exchanges, token, prediction), prediction, token, unreachable: null };
}

/**
 * One exchange with its redirects, followed here so that credentials go only where a browser
 * would send them: the same origin, never from https to http, never to another host.
 */
async function follow(label: ExchangeLabel, input: ProbeInput, method: string, headers: Record<string, string>, authorization: string | null): Promise<ProbeExchange> {
  const hops: Hop[] = [];
  let url = input.url;
  let currentMethod = method;
  let sendAuth = authorization;
  const origin = new URL(input.url);
  let answer: Answer | null = null;
  for (let i = 0; i <= input.maxRedirects; i++) {
    const target = new URL(url);
    let withheld: string | null = null;
    if (authorization !== null && sendAuth !== null) {
      if (target.host !== origin.host) withheld = `another host (${target.host})`;
      else if (origin.protocol === 'https:' && target.protocol === 'http:') withheld = 'a downgrade from https to http';
      if (withheld) sendAuth = null;
    }
    const request: SentRequest = { method: currentMethod, url, authorization: sendAuth === null ? null : sendAuth.split(' ')[0], headers };
    const result = await exchange(request, sendAuth, input.exchange);
    if (!result.ok) {
      hops.push({ request, status: null, challenges: [], location: null, ms: null, error: result.error, credentialsWithheld: withheld });
      return { label, hops, status: null, answer: null };
    }
    answer = result.answer;
    const location = typeof answer.headers.location === 'string' ? answer.headers.location : null;
    hops.push({ request, status: answer.status, challenges: parseChallenges(answer.wwwAuthenticate), location, ms: answer.ms, error: null, credentialsWithheld: withheld });
    if (!REDIRECT.has(answer.status) || location === null) break;
    url = new URL(location, url).href;
    if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && currentMethod === 'POST')) currentMethod = 'GET';
  }
  return { label, hops, status: answer?.status ?? null, answer };
}

const RULE_DOCS = (id: string) => `${DOCS_BASE}/rules/${id}.md`;

function findingsOf(input: ProbeInput, exchanges: readonly ProbeExchange[], token: TokenClaims | null, prediction: Prediction | null): Finding[] {
  const findings: Finding[] = [];
  const report = (ruleId: string, severity: Severity, message: string): void => {
    findings.push({ ruleId, severity, message, file: input.url, line: 1, column: 1, endLine: 1, endColumn: 1, related: [], docsUrl: RULE_DOCS(ruleId) });
  };
  const byLabel = (label: ExchangeLabel) => exchanges.find((e) => e.label === label);
  const anonymous = byLabel('anonymous') as ProbeExchange;
  const wrong = byLabel('wrong-credentials');
  const withCredentials = byLabel('credentials');
  const preflight = byLabel('preflight');
  const last = (e: ProbeExchange | undefined): Hop | undefined => e?.hops[e.hops.length - 1];

  // The challenge a browser needs to show its login prompt.
  for (const e of exchanges) {
    const hop = last(e);
    if (e.label !== 'preflight' && hop?.status === 401 && hop.challenges.length === 0) {
      report('probe/challenge-missing', 'error', `${e.label === 'anonymous' ? 'the anonymous request' : `the request with ${e.label}`} got 401 with no WWW-Authenticate header: browsers show no login prompt (RFC 9110 requires the header on every 401), so people see an error page instead`);
      break;
    }
  }
  // Basic offered, or a password sent, over plain HTTP.
  const plainBasic = exchanges.flatMap((e) => e.hops).find((hop) => hop.request.url.startsWith('http:') && hop.challenges.some((c) => c.scheme.toLowerCase() === 'basic'));
  if (plainBasic) report('probe/basic-over-plain-http', 'error', `${plainBasic.request.url} asks for Basic credentials over plain HTTP: the password crosses the network readable by anyone on the path (base64 is not encryption)`);
  if (withCredentials && withCredentials.hops.length > 1) {
    const first = withCredentials.hops[0];
    const next = withCredentials.hops[1];
    if (first.request.url.startsWith('http:') && first.request.authorization !== null && next.request.url.startsWith('https:')) {
      report('probe/credentials-sent-before-https-redirect', 'error', `the credentials went to ${first.request.url} in clear, and only then did the server redirect to ${next.request.url}: redirect before asking (no auth on the plain-HTTP listener), and link to https:// directly`);
    }
  }
  // A login page instead of a 401.
  const anon = last(anonymous);
  if (anon && anonymous.answer) {
    const firstHop = anonymous.hops[0];
    if (firstHop.status !== null && REDIRECT.has(firstHop.status) && /login|signin|sign_in|auth|sso|oauth|saml|idp/i.test(firstHop.location ?? '')) {
      report('probe/login-redirect-instead-of-401', 'info', `the anonymous request is redirected (${firstHop.status}) to a login page (${firstHop.location}) instead of a 401: browsers follow it, but API clients and curl see a redirect, not a challenge (this is how SSO portals work)`);
    } else if (anon.status === 200 && /<input[^>]+type=["']?password/i.test(anonymous.answer.body)) {
      report('probe/login-form-instead-of-401', 'info', `the anonymous request gets 200 with a login form: the protection is in the application, not HTTP authentication (nothing here for authlint's config rules to check)`);
    }
  }
  // Credentials that cannot be valid must not get in; real ones should.
  const protectedAnon = anon?.status === 401 || anon?.status === 403;
  const wrongHop = last(wrong);
  if (protectedAnon && wrongHop?.status !== null && wrongHop !== undefined && wrongHop.status >= 200 && wrongHop.status < 300) {
    report('probe/wrong-credentials-accepted', 'error', `made-up credentials got ${wrongHop.status} where the anonymous request got ${anon?.status}: anything passes (an auth_request backend or Require that accepts any user?)`);
  }
  const realHop = last(withCredentials);
  if (realHop && realHop.status !== null) {
    if (realHop.status === 401 || realHop.status === 403) {
      const bearerError = realHop.challenges.find((c) => c.params.error);
      report('probe/credentials-rejected', 'error', `the credentials given got ${realHop.status}${bearerError ? ` (${bearerError.params.error}${bearerError.params.error_description ? `: ${bearerError.params.error_description}` : ''})` : ''}: ${input.credentials ? 'check the password the way the server does with authlint passwd check FILE USER, and the reason in the error log with authlint logs' : 'the token is refused'}`);
    } else if (realHop.status >= 500) {
      report('probe/server-error-on-login', 'error', `the credentials given got ${realHop.status}: the server could not check them (an unreadable password file, a hash its crypt() cannot verify, a missing AuthName…): authlint logs says which`);
    } else if (realHop.status >= 200 && realHop.status < 300 && withCredentials?.answer) {
      const cacheControl = String(withCredentials.answer.headers['cache-control'] ?? '');
      if (!/private|no-store/i.test(cacheControl)) {
        report('probe/authenticated-response-cacheable', 'warning', `the authenticated answer has no "Cache-Control: private" or "no-store"${cacheControl ? ` (it says "${cacheControl}")` : ''}: a shared cache or proxy may keep it and serve it to someone who never logged in`);
      }
    }
  }
  if (preflight) {
    const hop = last(preflight);
    if (hop?.status === 401 || hop?.status === 403) {
      report('probe/preflight-requires-auth', 'error', `the CORS preflight (OPTIONS from ${input.origin}) got ${hop.status}: browsers never send credentials on a preflight, so every cross-origin call with an Authorization header fails before it starts — let OPTIONS through without auth (limit_except OPTIONS / <LimitExcept OPTIONS>)`);
    }
  }
  // The token and the server's clock.
  const dateHeader = anonymous.answer?.headers.date;
  const serverNow = typeof dateHeader === 'string' ? Date.parse(dateHeader) : NaN;
  const localNow = (input.now ?? Date.now)();
  if (token && token.kind === 'jwt') {
    const clock = Number.isNaN(serverNow) ? localNow : serverNow;
    const whose = Number.isNaN(serverNow) ? 'this machine\'s clock (the server sent no Date)' : "the server's clock";
    if (token.exp !== null && token.exp * 1000 <= clock) report('probe/token-expired', 'error', `the token expired ${ago(clock - token.exp * 1000)} ago by ${whose}${token.iss ? ` (issuer ${token.iss})` : ''}: get a new one`);
    if (token.nbf !== null && token.nbf * 1000 > clock) report('probe/token-not-yet-valid', 'error', `the token is not valid for another ${ago(token.nbf * 1000 - clock)} by ${whose} (nbf): the issuer's clock runs ahead`);
  }
  if (!Number.isNaN(serverNow) && Math.abs(serverNow - localNow) > 60_000) {
    report('probe/clock-skew', 'warning', `the server's clock is ${ago(Math.abs(serverNow - localNow))} ${serverNow > localNow ? 'ahead of' : 'behind'} this machine's: tokens issued here can look expired or not yet valid there`);
  }
  // The live answer against the configuration on disk.
  if (prediction) {
    const compare = (label: string, live: number | null | undefined, predicted: { status: number | null; reason: string } | undefined): void => {
      if (live === null || live === undefined || !predicted || predicted.status === null || predicted.status === live) return;
      report('probe/config-mismatch', 'error', `the config on disk predicts ${predicted.status} for the ${label} request (${prediction.where}: ${predicted.reason}), but the server answered ${live}: it has not loaded this config (reload it), or another server or virtual host answers this host and port`);
    };
    compare('anonymous', anonymous.hops[0]?.status, prediction.anonymous);
    if (withCredentials) compare('logged-in', withCredentials.hops[0]?.status, prediction.credentials);
  }
  // TLS and banner.
  const certificate = exchanges.map((e) => e.answer?.certificateProblem).find(Boolean);
  if (certificate) report('probe/tls-certificate-invalid', 'warning', `the certificate is not valid (${certificate}); --insecure went on: browsers refuse it, or teach users to click through warnings`);
  const server = anonymous.answer?.headers.server;
  if (typeof server === 'string' && /\d+\.\d+/.test(server)) report('probe/server-version-disclosed', 'info', `the Server header says "${server}": the version helps an attacker pick exploits (nginx: server_tokens off; Apache: ServerTokens Prod)`);
  return findings;
}

function ago(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
