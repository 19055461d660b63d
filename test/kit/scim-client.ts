import { createConnection } from '../../src/connections/connection-repository';
import type { WebTriggerResponse } from '../../src/platform/webtrigger';
import { createAuthGate, type AuthGate } from '../../src/scim-service/auth-gate';
import {
  createConnectionBudget,
  DEFAULT_CONNECTION_BUDGET,
  type ConnectionBudget,
  type ConnectionBudgetOptions,
} from '../../src/scim-service/connection-budget';
import { handleScimRequest } from '../../src/scim-service/scim-endpoint';
import { createTestPlatform, type TestPlatform } from './test-platform';
import { webTriggerRequest, type RequestSpec } from './webtrigger-request';

export interface ScimReply {
  status: number;
  headers: Record<string, string>;
  /** Tests read arbitrary JSON. */
  body: any;
  raw: WebTriggerResponse;
}

/** Budgets no test run reaches: for tests about cost per operation, not about spending over a minute. */
export const UNLIMITED_BUDGET: ConnectionBudgetOptions = {
  ...DEFAULT_CONNECTION_BUDGET,
  requests: Number.MAX_SAFE_INTEGER,
  readUnits: Number.MAX_SAFE_INTEGER,
  writeUnits: Number.MAX_SAFE_INTEGER,
  queueEvents: Number.MAX_SAFE_INTEGER,
};

export const TRIGGER_URL = 'https://example.atlassian-dev.net/x1/trigger-id';

/**
 * Calls the SCIM handler in-process, as the web trigger would, for one connection of a test platform. Each client
 * has its own auth gate and budgets (as a fresh function instance would): the instance-wide defaults would add up
 * failed checks and spending across the tests of a file, whose first connections all have the same id.
 */
export class ScimTestClient {
  /** This client's auth gate (the endpoint's default limits). */
  readonly authGate: AuthGate = createAuthGate();
  /** This client's per-connection budgets (the endpoint's default limits; scale tests lift them). */
  budget: ConnectionBudget = createConnectionBudget();

  private constructor(
    readonly platform: TestPlatform,
    readonly connectionId: string,
    readonly token: string,
  ) {}

  static async create(platform: TestPlatform = createTestPlatform()): Promise<ScimTestClient> {
    const { connection, token } = await createConnection(platform, { provider: 'okta', method: 'scim', name: 'Okta' });
    return new ScimTestClient(platform, connection.id, token);
  }

  /** A client for a connection created elsewhere (e.g. through the admin resolvers). */
  static forConnection(platform: TestPlatform, connectionId: string, token: string): ScimTestClient {
    return new ScimTestClient(platform, connectionId, token);
  }

  /** Another connection on the same platform (same store), with its own token. */
  async sibling(): Promise<ScimTestClient> {
    return ScimTestClient.create(this.platform);
  }

  get baseUrl(): string {
    return `${TRIGGER_URL}/${this.connectionId}/scim/v2`;
  }

  async send(method: string, path: string, body?: unknown, options: Partial<RequestSpec> = {}): Promise<ScimReply> {
    const request = webTriggerRequest({ method, path: `/${this.connectionId}/scim/v2${path}`, token: this.token, body, asForge: true, ...options });
    const raw = await handleScimRequest(
      { platform: this.platform, triggerUrl: async () => TRIGGER_URL, authGate: this.authGate, budget: this.budget },
      request,
    );
    if (!raw) throw new Error(`Not a SCIM path: ${path}`);
    const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([name, values]) => [name.toLowerCase(), values[0]]));
    return { status: raw.statusCode, headers, body: raw.body ? JSON.parse(raw.body) : undefined, raw };
  }

  get = (path: string, options?: Partial<RequestSpec>) => this.send('GET', path, undefined, options);
  post = (path: string, body: unknown, options?: Partial<RequestSpec>) => this.send('POST', path, body, options);
  put = (path: string, body: unknown, options?: Partial<RequestSpec>) => this.send('PUT', path, body, options);
  patch = (path: string, body: unknown, options?: Partial<RequestSpec>) => this.send('PATCH', path, body, options);
  delete = (path: string, options?: Partial<RequestSpec>) => this.send('DELETE', path, undefined, options);

  /** Store calls (and keys) one request costs, the token check included. */
  async cost(request: () => Promise<ScimReply>): Promise<{ calls: number; keys: number; reply: ScimReply }> {
    this.platform.store.reset();
    const reply = await request();
    const { calls, keys } = this.platform.store.snapshot();
    return { calls, keys, reply };
  }
}

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export function oktaUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: 'Ada Lovelace',
    active: true,
    ...extra,
  };
}

export function patchOps(...Operations: unknown[]) {
  return { schemas: [PATCH_SCHEMA], Operations };
}
