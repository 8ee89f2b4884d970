import type { Predictions } from '../../src/core/request';

/**
 * The three ways the real-server explain tests ask each request — no credentials, a wrong
 * password, alice's real one (s3cret-pass, the fixtures' password) — each with its prediction.
 */
export function scenarios(predicted: Predictions) {
  return [
    ['anonymous', predicted.anonymous, {}],
    ['wrong', predicted.wrongCredentials, { user: 'alice', password: 'wrong' }],
    ['alice', predicted.credentials!, { user: 'alice', password: 's3cret-pass' }],
  ] as const;
}
