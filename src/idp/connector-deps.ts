import type { HttpClient } from '../platform/http-client';
import type { Clock, Logger, Secrets } from '../platform/ports';
import { IdpError } from './idp-error';

/** What a connector needs from the platform. */
export interface IdpConnectorDeps {
  /** Its retry policy handles 429 (with or without Retry-After) and 5xx. */
  http: HttpClient;
  clock: Clock;
  secrets: Secrets;
  log: Logger;
  /** Where Secrets keeps this connection's credential (IDCS client secret, miniOrange API key). */
  secretKey: string;
}

/** Reads the connection's credential once per connector, failing clearly when it was never stored. */
export function secretReader(deps: Pick<IdpConnectorDeps, 'secrets' | 'secretKey'>, what: string): () => Promise<string> {
  let pending: Promise<string> | undefined;
  const read = async () => {
    const secret = await deps.secrets.get(deps.secretKey);
    if (!secret) throw new IdpError('invalidConfig', `The ${what} is not set for this connection: enter it again.`);
    return secret;
  };
  return () => {
    pending ??= read().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
