// OAuth client-credentials tokens for the IDCS admin API, cached until shortly before they expire.
import type { HttpClient } from '../../platform/http-client';
import type { Clock, Logger } from '../../platform/ports';
import { sendRead } from '../idp-http';
import { IdpError, idpErrorKindForStatus } from '../idp-error';
import { oauthErrorSchema, tokenResponseSchema } from './schemas';

export const IDCS_ADMIN_SCOPE = 'urn:opc:idm:__myscopes__';
const MAX_REFRESH_MARGIN_MS = 60_000;

export interface IdcsTokenSource {
  token(): Promise<string>;
  /** Forgets `token` if it is the cached one (after the API rejected it), so the next call fetches another. */
  invalidate(token: string): void;
}

export interface IdcsTokenSourceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: () => Promise<string>;
  http: HttpClient;
  clock: Clock;
  log: Logger;
}

export function createIdcsTokenSource(options: IdcsTokenSourceOptions): IdcsTokenSource {
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const credentials = Buffer.from(`${options.clientId}:${await options.clientSecret()}`).toString('base64');
    const response = await sendRead(
      options.http,
      {
        method: 'POST',
        url: `${options.baseUrl}/oauth2/v1/token`,
        headers: {
          authorization: `Basic ${credentials}`,
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: IDCS_ADMIN_SCOPE }).toString(),
      },
      'Oracle IDCS',
    );
    if (response.status !== 200) throw tokenError(response.status, response.json);
    const parsed = tokenResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      throw new IdpError('invalidResponse', 'Oracle IDCS answered the token request without a usable access token.', {
        status: response.status,
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Refresh a minute early, or halfway through a token shorter-lived than two minutes.
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 2);
    cached = { token: parsed.data.access_token, refreshAt: options.clock.now() + lifetimeMs - margin };
    options.log.info('idp.idcs.token_issued', { expiresInSeconds: parsed.data.expires_in });
    return parsed.data.access_token;
  }

  return {
    token() {
      if (cached && options.clock.now() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** RFC 6749 §5.2 errors, keyed on the `error` code: IDCS's choice of 400 or 401 for each is unverified. */
function tokenError(status: number, body: unknown): IdpError {
  const code = oauthErrorSchema.safeParse(body).data?.error;
  const details = { status };
  switch (code) {
    case 'invalid_client':
      return new IdpError(
        'unauthorized',
        'Oracle IDCS rejected the client id or secret (invalid_client): check both, and that the confidential application is activated.',
        details,
      );
    case 'unauthorized_client':
    case 'unsupported_grant_type':
      return new IdpError(
        'invalidConfig',
        `Oracle IDCS refused the client credentials grant (${code}): allow "Client Credentials" in the application's OAuth client configuration.`,
        details,
      );
    case 'invalid_scope':
      return new IdpError(
        'forbidden',
        'Oracle IDCS granted no admin scope (invalid_scope): add app roles such as "User Administrator" to the application.',
        details,
      );
  }
  if (status === 404) {
    const message = 'No Oracle IDCS token endpoint at the base URL: check the identity domain URL.';
    return new IdpError('invalidConfig', message, details);
  }
  const kind = idpErrorKindForStatus(status);
  return new IdpError(kind, `Oracle IDCS answered the token request with HTTP ${status}${code ? ` (${code})` : ''}.`, details);
}
