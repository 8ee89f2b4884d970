import { jwtDecode } from 'jwt-decode';

/** What a bearer token says about itself: decoded, never verified (authlint has no key, and needs none). */
export type TokenClaims =
  | { readonly kind: 'jwt'; readonly exp: number | null; readonly nbf: number | null; readonly iat: number | null; readonly aud: string | null; readonly iss: string | null }
  | { readonly kind: 'opaque' };

/** Decode a JWT's claims with the jwt-decode package; anything else is an opaque token. */
export function decodeToken(token: string): TokenClaims {
  try {
    const claims = jwtDecode<Record<string, unknown>>(token);
    const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
    const str = (value: unknown): string | null => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null);
    return { kind: 'jwt', exp: num(claims.exp), nbf: num(claims.nbf), iat: num(claims.iat), aud: str(claims.aud), iss: str(claims.iss) };
  } catch {
    return { kind: 'opaque' };
  }
}
