import { IdoError } from '@ido/platform-messaging';

/** Why a token was not accepted: machine-readable, safe to send (no verifier internals). */
export type TokenRejection =
  | 'missing-token'
  | 'malformed'
  | 'algorithm'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims';

/** Why a valid token still does not get in: what identity changed after issuing it. */
export type AccessRevocation = 'unknown-tenant' | 'tenant-suspended' | 'session-revoked';

const messages: Record<TokenRejection | AccessRevocation, string> = {
  'missing-token': 'Access token required',
  malformed: 'Invalid access token',
  algorithm: 'Invalid access token',
  'unknown-key': 'Invalid access token',
  'bad-signature': 'Invalid access token',
  expired: 'Access token expired',
  'not-yet-valid': 'Invalid access token',
  'wrong-issuer': 'Invalid access token',
  'wrong-audience': 'Invalid access token',
  'invalid-claims': 'Invalid access token',
  'unknown-tenant': 'Unknown tenant',
  'tenant-suspended': 'Tenant is suspended',
  'session-revoked': 'Session has been revoked',
};

export function unauthenticated(reason: TokenRejection | AccessRevocation): IdoError {
  return new IdoError('UNAUTHENTICATED', messages[reason], { reason });
}

export function forbidden(message: string, details: { reason: string } & Record<string, string>): IdoError {
  return new IdoError('FORBIDDEN', message, details);
}
