import type { HttpClient, HttpResult } from '../platform/http-client';
import { HttpTransportError } from '../platform/http-errors';
import { parseJson } from '../platform/json';
import type { HttpRequest } from '../platform/ports';
import { IdpError } from './idp-error';

export interface IdpResponse extends HttpResult {
  /** The parsed body; undefined when it is empty or not JSON. */
  json: unknown;
}

/** Sends a read (safe to retry) through the client's policy; no answer at all becomes a transient IdpError. */
export async function sendRead(http: HttpClient, request: HttpRequest, idpName: string): Promise<IdpResponse> {
  try {
    const result = await http.request(request, { idempotent: true });
    return { ...result, json: parseJson(result.body) };
  } catch (error) {
    if (error instanceof HttpTransportError) {
      throw new IdpError('transient', `${idpName} did not answer (${error.name}); try again later.`, { cause: error });
    }
    throw error;
  }
}
