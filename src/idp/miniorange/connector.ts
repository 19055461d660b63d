// The miniOrange pull connector (the API: docs/design.md §5). miniOrange publishes no listing API, so
// this connector only tests credentials and looks up known users; SCIM push is miniOrange's complete path.
import { attributeBag } from '../attribute-bag';
import { parseSettings } from '../connection-settings';
import type { IdpConnector, IdpUser } from '../connector';
import { type IdpConnectorDeps, secretReader } from '../connector-deps';
import { IdpError, idpErrorKindForStatus } from '../idp-error';
import { type IdpResponse, sendRead } from '../idp-http';
import { type MiniOrangeConfigInput, miniOrangeConfigSchema } from './config';
import { type MiniOrangeUserResponse, statusResponseSchema, userResponseSchema } from './schemas';
import { miniOrangeSignature } from './signature';

const MINIORANGE = 'miniOrange';
/** A username nobody has: `search` for it proves the signature is accepted without touching a real user. */
const PROBE_USERNAME = 'user-group-sync-connection-test';
const NOT_ATTRIBUTES = new Set(['status', 'message', 'customerKey']);

export function createMiniOrangeConnector(input: MiniOrangeConfigInput, deps: IdpConnectorDeps): IdpConnector {
  const { baseUrl, customerKey } = parseSettings(miniOrangeConfigSchema, input, MINIORANGE);
  const { http, clock, log } = deps;
  const apiKey = secretReader(deps, 'miniOrange API key');
  /** Server time minus ours, learnt after a rejected signature. */
  let clockOffsetMs: number | undefined;

  async function signedPost(op: 'get' | 'search', body: Record<string, string>): Promise<IdpResponse> {
    const timestamp = String(clock.now() + (clockOffsetMs ?? 0));
    return sendRead(
      http,
      {
        method: 'POST',
        url: `${baseUrl}/moas/api/admin/users/${op}`,
        headers: {
          'Content-Type': 'application/json',
          'Customer-Key': customerKey,
          Timestamp: timestamp,
          Authorization: miniOrangeSignature(customerKey, timestamp, await apiKey()),
        },
        body: JSON.stringify({ customerKey, ...body }),
      },
      MINIORANGE,
    );
  }

  /** Whether a rejected signature is answered with 401/403 or with a 200 `ERROR` is unverified: both count. */
  const rejected = (response: IdpResponse) =>
    response.status === 401 ||
    response.status === 403 ||
    (response.status === 200 && statusResponseSchema.safeParse(response.json).data?.status === 'ERROR');

  async function learnServerTime(): Promise<void> {
    const response = await sendRead(http, { method: 'POST', url: `${baseUrl}/moas/rest/mobile/get-timestamp` }, MINIORANGE);
    const serverNow = Number(response.body.trim());
    clockOffsetMs = response.status === 200 && Number.isFinite(serverNow) ? serverNow - clock.now() : 0;
    log.info('idp.miniorange.clock_offset', { offsetMs: clockOffsetMs });
  }

  /** A signed call; after a rejection, once per connector, retry with the server's clock (the timestamp may be off). */
  async function call(op: 'get' | 'search', body: Record<string, string>): Promise<{ status: string; json: unknown }> {
    let response = await signedPost(op, body);
    if (rejected(response) && clockOffsetMs === undefined) {
      await learnServerTime();
      response = await signedPost(op, body);
    }
    if (rejected(response)) {
      log.warn('idp.miniorange.rejected', { op, status: response.status });
      throw new IdpError(
        'unauthorized',
        'miniOrange rejected the signed request: check the Customer Key and API Key (Settings in the miniOrange console).',
        { status: response.status },
      );
    }
    if (response.status === 404) {
      throw new IdpError('invalidConfig', `No miniOrange admin API at ${baseUrl}: check the base URL.`, { status: 404 });
    }
    if (response.status >= 400) {
      log.warn('idp.miniorange.request_failed', { op, status: response.status, attempts: response.attempts });
      throw new IdpError(idpErrorKindForStatus(response.status), `miniOrange answered HTTP ${response.status}.`, {
        status: response.status,
      });
    }
    const parsed = statusResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      throw new IdpError('invalidResponse', 'miniOrange answered without a status.', { status: response.status });
    }
    return { status: parsed.data.status, json: response.json };
  }

  function toIdpUser(user: MiniOrangeUserResponse, asked: string): IdpUser {
    return {
      id: user.username ?? asked,
      userName: user.username ?? asked,
      emails: user.email ? [{ value: user.email, primary: true }] : [],
      ...(user.firstName ? { givenName: user.firstName } : {}),
      ...(user.lastName ? { familyName: user.lastName } : {}),
      // miniOrange reports no disabled flag: a user it returns is taken as active.
      active: true,
      groups: [],
      attributes: attributeBag(user, NOT_ATTRIBUTES),
    };
  }

  return {
    capabilities: { listUsers: false, listGroups: false, delta: false, lookup: true },

    async testConnection() {
      try {
        const { status } = await call('search', { username: PROBE_USERNAME });
        if (!['USER_FOUND', 'USER_NOT_FOUND', 'USER_FOUND_UNDER_DIFFERENT_CUSTOMER'].includes(status)) {
          return { ok: false, detail: `miniOrange answered the test search with status ${status}.` };
        }
        return {
          ok: true,
          detail:
            'Connected to miniOrange: the Customer Key and API Key were accepted. miniOrange has no listing API, so only ' +
            'user lookups run here; to sync every user and group, add a SCIM Server (Destination) app in miniOrange.',
        };
      } catch (error) {
        if (error instanceof IdpError) return { ok: false, detail: error.message };
        throw error;
      }
    },

    async lookupUser(usernameOrEmail) {
      const value = usernameOrEmail.trim();
      if (!value) return undefined;
      const { status, json } = await call('get', { username: value, ...(value.includes('@') ? { email: value } : {}) });
      if (status === 'FAILED') return undefined;
      const user = userResponseSchema.safeParse(json);
      if (!user.success) {
        throw new IdpError('invalidResponse', `miniOrange answered a user lookup with status ${status}.`);
      }
      return toIdpUser(user.data, value);
    },
  };
}
