import { parse } from 'auth-header';

/** One challenge of a WWW-Authenticate header: the scheme and its parameters (realm, charset, error…). */
export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The challenges of an answer, one per WWW-Authenticate header, parsed with the auth-header
 * package (RFC 7235 syntax: quoted strings, token68). A header the package cannot read is kept
 * as a scheme with no parameters rather than dropped: a challenge was offered all the same.
 */
export function parseChallenges(headers: readonly string[]): Challenge[] {
  return headers.map((value) => {
    try {
      const parsed = parse(value);
      const params: Record<string, string> = {};
      for (const [key, raw] of Object.entries(parsed.params ?? {})) params[key.toLowerCase()] = Array.isArray(raw) ? raw.join(', ') : String(raw);
      return { scheme: parsed.scheme, params };
    } catch {
      return { scheme: value.trim().split(/\s+/)[0] ?? '', params: {} };
    }
  });
}
