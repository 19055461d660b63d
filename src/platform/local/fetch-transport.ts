import type { HttpTransport } from '../ports';
import { transportOverFetch } from '../transport-over-fetch';

/** The HttpTransport for `npm start` and tests: node's global fetch with a per-request timeout. */
export function createLocalFetchTransport(defaultTimeoutMs?: number): HttpTransport {
  return transportOverFetch((url, init) => fetch(url, init), { defaultTimeoutMs });
}
