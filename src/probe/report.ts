import { escapeControls, maskHashes } from '../reporters/redact';
import { VERSION } from '../version';
import type { ProbeExchange, ProbeResult } from './run-probe';

const LABEL = { anonymous: 'anonymous', 'wrong-credentials': 'wrong credentials', credentials: 'your credentials', preflight: 'CORS preflight' } as const;

/** Text from an answer or a user-given value, safe to print: no control characters, no hashes. */
const safe = (text: string): string => escapeControls(maskHashes(text));

/** The versioned JSON document (schemas/probe.schema.json). Never holds a password, token or Authorization value. */
export function probeJson(result: ProbeResult): string {
  const exchanges = result.exchanges.map((e) => ({
    label: e.label,
    status: e.status,
    hops: e.hops.map((hop) => ({
      request: { method: hop.request.method, url: safe(hop.request.url), authorization: hop.request.authorization },
      status: hop.status,
      challenges: hop.challenges.map((c) => ({ scheme: safe(c.scheme), params: Object.fromEntries(Object.entries(c.params).map(([k, v]) => [safe(k), safe(v)])) })),
      location: hop.location === null ? null : safe(hop.location),
      ms: hop.ms === null ? null : Math.round(hop.ms * 10) / 10,
      error: hop.error,
      credentialsWithheld: hop.credentialsWithheld,
    })),
  }));
  const findings = result.findings.map((f) => ({ ...f, message: safe(f.message) }));
  return (
    JSON.stringify(
      {
        formatVersion: 1,
        tool: { name: 'authlint', version: VERSION },
        url: safe(result.url),
        unreachable: result.unreachable,
        exchanges,
        token: result.token,
        prediction: result.prediction,
        findings,
      },
      null,
      2,
    ) + '\n'
  );
}

export function probeText(result: ProbeResult): string {
  const out: string[] = [];
  if (result.unreachable) return `${safe(result.url)}: ${result.unreachable}\n`;
  for (const e of result.exchanges) out.push(...exchangeLines(e));
  if (result.prediction) {
    out.push(`config:     ${result.prediction.where}`);
    out.push(`            predicts ${result.prediction.anonymous.status ?? '?'} anonymous, ${result.prediction.wrongCredentials.status ?? '?'} with wrong credentials${result.prediction.credentials ? `, ${result.prediction.credentials.status ?? '?'} with yours` : ''}`);
  }
  if (result.token?.kind === 'jwt') {
    const when = (s: number | null) => (s === null ? '—' : new Date(s * 1000).toISOString());
    out.push(`token:      JWT, exp ${when(result.token.exp)}, nbf ${when(result.token.nbf)}, iat ${when(result.token.iat)}${result.token.aud ? `, aud ${safe(result.token.aud)}` : ''}${result.token.iss ? `, iss ${safe(result.token.iss)}` : ''} (decoded, not verified)`);
  }
  out.push('');
  if (result.findings.length === 0) out.push('✔ nothing wrong found');
  for (const f of result.findings) {
    out.push(`${f.severity.padEnd(7)} ${safe(f.message)}  ${f.ruleId}`);
    out.push(`        docs: ${f.docsUrl}`);
  }
  return out.join('\n') + '\n';
}

function exchangeLines(e: ProbeExchange): string[] {
  const lines: string[] = [];
  e.hops.forEach((hop, i) => {
    const head = i === 0 ? `${LABEL[e.label]}:`.padEnd(20) : ''.padEnd(20);
    const auth = hop.request.authorization ? ` [${hop.request.authorization} credentials]` : hop.credentialsWithheld ? ` [credentials withheld: ${hop.credentialsWithheld}]` : '';
    const result = hop.error ? `error: ${hop.error}` : `${hop.status}${hop.location ? ` → ${safe(hop.location)}` : ''}${hop.ms !== null ? ` (${Math.round(hop.ms)} ms)` : ''}`;
    lines.push(`${head}${hop.request.method} ${safe(hop.request.url)}${auth}: ${result}`);
    for (const c of hop.challenges) lines.push(`${''.padEnd(22)}WWW-Authenticate: ${safe(c.scheme)}${Object.entries(c.params).map(([k, v]) => ` ${safe(k)}="${safe(v)}"`).join(',')}`);
  });
  return lines;
}
