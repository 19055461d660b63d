// OAuth client-credentials tokens for the IDCS admin API, cached until shortly before they expire.
import { createHash } from 'node:crypto';
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

export interface CachedIdcsToken {
  token: string;
  /** On the clock that measured the token's lifetime. */
  refreshAt: number;
}

/**
 * Tokens kept beyond one connector: a pull run builds a connector per queue event, and a warm function
 * instance serves many events. A token is filed under `scope` (the caller's: connection and settings) and a
 * hash of the client secret, so a rotated secret or changed settings never reuse a token; the secret itself
 * is never a key.
 */
export interface IdcsTokenCache {
  scope: string;
  tokens: Map<string, CachedIdcsToken>;
}

export interface IdcsTokenSourceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: () => Promise<string>;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  /** Without one, the token lives as long as this token source. */
  cache?: IdcsTokenCache;
}

export function createIdcsTokenSource(options: IdcsTokenSourceOptions): IdcsTokenSource {
  const { cache } = options;
  const tokens = cache?.tokens ?? new Map<string, CachedIdcsToken>();
  let pending: Promise<string> | undefined;

  /** A private cache holds one token; a shared one needs the secret (read once per connector) to find it. */
  async function cacheKey(): Promise<string> {
    if (!cache) return '';
    const secretHash = createHash('sha256')
      .update(await options.clientSecret(), 'utf8')
      .digest('hex');
    return `${cache.scope}:${secretHash}`;
  }

  function remember(key: string, token: CachedIdcsToken): void {
    const now = options.clock.now();
    for (const [other, entry] of tokens) if (entry.refreshAt <= now) tokens.delete(other);
    tokens.set(key, token);
  }

  async function fetchToken(key: string): Promise<string> {
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
    remember(key, { token: parsed.data.access_token, refreshAt: options.clock.now() + lifetimeMs - margin });
    options.log.info('idp.idcs.token_issued', { expiresInSeconds: parsed.data.expires_in });
    return parsed.data.access_token;
  }

  return {
    async token() {
      const key = await cacheKey();
      const cached = tokens.get(key);
      if (cached && options.clock.now() < cached.refreshAt) return cached.token;
      pending ??= fetchToken(key).finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      for (const [key, entry] of tokens) if (entry.token === token) tokens.delete(key);
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
