import { ensureDefaultConnection } from '../src/connections/default-connection';
import type { WebTriggerResponse } from '../src/platform/webtrigger';
import type { Platform } from '../src/platform/ports';
import { createConnectionBudget } from '../src/scim-service/connection-budget';
import { handleScimRequest } from '../src/scim-service/scim-endpoint';
import { UNLIMITED_BUDGET } from '../test/kit/scim-client';
import { webTriggerRequest } from '../test/kit/webtrigger-request';

const TOKEN = 'ugs_bench-token-0123456789abcdefghijklmnopqrstuvwxyz';

export interface ScimClient {
  /** The default connection's id: the directory's keys live under `c:{connectionId}:`. */
  connectionId: string;
  /** One SCIM request to the default connection, e.g. send('POST', '/Users', body); fails unless `expect`ed. */
  send(method: string, path: string, body?: unknown, expect?: number): Promise<WebTriggerResponse>;
}

/**
 * The SCIM endpoint as Forge runs it, called in process on the bench platform (no HTTP server), so that
 * every store call it makes is counted.
 */
export async function scimClient(platform: Platform): Promise<ScimClient> {
  const { connection } = await ensureDefaultConnection(platform, TOKEN);
  // Benches measure what one operation costs, thousands a second: no per-minute budget applies.
  const deps = { platform, triggerUrl: async () => 'https://bench.invalid/x1/trigger', budget: createConnectionBudget(UNLIMITED_BUDGET) };
  return {
    connectionId: connection.id,
    async send(method, path, body, expect) {
      const request = webTriggerRequest({ method, path: `/${connection.id}/scim/v2${path}`, token: TOKEN, body, asForge: true });
      const response = await handleScimRequest(deps, request);
      const wanted = expect ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200);
      if (response?.statusCode !== wanted) {
        throw new Error(`${method} ${path} answered ${response?.statusCode ?? 'nothing'}, not ${wanted}: ${response?.body ?? ''}`);
      }
      return response;
    },
  };
}

/** A minimal Okta-style user body. */
export function scimUser(n: number): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `user${n}@bench.example`,
    name: { givenName: 'Bench', familyName: `User${n}` },
    emails: [{ value: `user${n}@bench.example`, type: 'work', primary: true }],
    active: true,
  };
}
