import { fetch as forgeFetch, NeedsAuthenticationError, NotAllowedError } from '@forge/api';
import type { HttpTransport } from '../ports';
import { transportOverFetch, type FetchLike } from '../transport-over-fetch';

/**
 * The HttpTransport on Forge: @forge/api's fetch (egress declared in the manifest) with a per-request timeout.
 * An egress or authentication refusal is rethrown as it is: retrying cannot fix it.
 */
export function createForgeFetchTransport(defaultTimeoutMs?: number, fetchFn: FetchLike = forgeFetch): HttpTransport {
  return transportOverFetch(fetchFn, {
    defaultTimeoutMs,
    isPermanent: (error) => error instanceof NotAllowedError || error instanceof NeedsAuthenticationError,
  });
}
