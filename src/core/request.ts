/**
 * One HTTP request as `authlint explain` asks about it, and what a server is predicted to do
 * with it. Shared by the nginx and Apache request models so both explain the same way.
 */
export interface RequestInput {
  readonly host: string;
  readonly port: number;
  readonly uri: string;
  /** The query string, without "?" ($args). */
  readonly args?: string;
  /** The URL's scheme ($scheme). */
  readonly scheme?: 'http' | 'https';
  readonly method: string;
  /** The client's address, when known (allow/deny, Require ip). */
  readonly client?: string;
  readonly credentials?: { readonly user: string; readonly password: string };
  /** What an auth_request service that authlint cannot see is assumed to answer (explain --auth-answer). */
  readonly authAnswer?: number;
}

export interface Prediction {
  /** null when something authlint cannot see decides (a backend, a runtime condition). */
  readonly status: number | null;
  readonly reason: string;
}

/** The outcome without credentials, with wrong ones, and with the user's own when given. */
export interface Predictions {
  readonly anonymous: Prediction;
  readonly wrongCredentials: Prediction;
  readonly credentials?: Prediction;
}
