import { failureKindOf } from '../platform/http-status';

export type IdpErrorKind =
  /** The IdP rejected the credentials (client id/secret, customer key/API key). */
  | 'unauthorized'
  /** Credentials are valid but lack a role or permission. */
  | 'forbidden'
  | 'notFound'
  /** Still throttled after the retries the HTTP policy allows. */
  | 'rateLimited'
  /** 5xx, timeouts, network failures: worth retrying later. */
  | 'transient'
  /** The connection's configuration is wrong (bad URL, unknown app id, attribute the IdP refuses). */
  | 'invalidConfig'
  /** The IdP answered with something we cannot read. */
  | 'invalidResponse';

/** Every failure a connector reports. Messages name what to fix and never carry personal data or secrets. */
export class IdpError extends Error {
  constructor(
    readonly kind: IdpErrorKind,
    message: string,
    readonly details: { status?: number; requestId?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'IdpError';
  }
}

export function idpErrorKindForStatus(status: number): IdpErrorKind {
  const kind = failureKindOf(status);
  return kind === 'refused' || kind === 'conflict' ? 'invalidConfig' : kind;
}
