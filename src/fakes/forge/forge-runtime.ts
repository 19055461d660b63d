// A stand-in for what the Forge runtime gives a function, at the seams the @forge/* clients themselves call, so
// that the real clients (in the sources or inside the built bundle) run unchanged:
//   global.__forge_runtime__   app context, the invoking user, remaining time, metrics (@forge/api reads it);
//   global.__forge_fetch__     product requests as the app or the invoking user (to the sandbox site, signed as
//                              its stand-in for Forge's proxy does), queue pushes (to FakeForgeEventsApi), the
//                              web-trigger URL mutation, and anything else to `next` (FakeKvsBackend installs
//                              itself on top of this one and answers type 'kvs': storage and secrets);
//   global.fetch               egress, which Forge's runtime serves through its proxy (to an HttpTransport);
//                              @forge/api takes it when it loads, so install this first, as Forge sets its
//                              globals up before it loads the app.
// Sources: @forge/api 8.3.0 out/api/fetch.js (`{ type: 'fpp', provider: 'app' | 'user', remote }` targets,
// the forge-proxy-error header), out/api/runtime.js (__forge_runtime__ fields), out/webTrigger.js (the
// createWebTriggerUrl mutation), @forge/events out/queries.js (the push path).
import { createHash } from 'node:crypto';
import type { APIResponse, RequestInit } from '@forge/api';
import type { HttpTransport } from '../../platform/ports';
import { asUserBearer } from '../atlassian-site/apis/site-auth';
import type { SandboxSite } from '../atlassian-site/sandbox-site';
import { PUSH_PATH, type FakeForgeEventsApi } from './forge-events-api';

export interface ProductCall {
  provider: 'app' | 'user';
  product: string;
  method: string;
  /** Path and query, as the app passed them. */
  path: string;
}

export interface ForgeInstallation {
  appId: string;
  environmentId: string;
  installationId: string;
  contextAri: string;
}

export interface FakeForgeRuntimeOptions {
  site: SandboxSite;
  events?: FakeForgeEventsApi;
  /** Egress (global fetch); default: the sandbox site, which fails unknown hosts like DNS would. */
  egress?: HttpTransport;
  installation?: Partial<ForgeInstallation>;
}

export interface Invocation {
  moduleKey: string;
  /** The invoking user (resolvers); asUser() calls are refused without one. */
  accountId?: string;
  /** The function's timeout, from which getRemainingTimeInMillis counts down (default 25 s). */
  timeoutSeconds?: number;
}

type Target = { type: string; provider?: string; remote?: string; accountId?: string };
type ForgeFetch = (target: Target, path: string, init?: RequestInit) => Promise<APIResponse>;

interface ForgeGlobals {
  __forge_fetch__?: ForgeFetch;
  __forge_runtime__?: unknown;
  fetch: typeof fetch;
}

const QUEUE_PUSH = /^\/webhook\/queue\/publish\//;
const PRODUCTS = new Set(['jira', 'confluence']);

export class FakeForgeRuntime {
  readonly productCalls: ProductCall[] = [];
  readonly installation: ForgeInstallation;
  private saved?: { forgeFetch?: ForgeFetch; runtime?: unknown; fetch: typeof fetch };
  private invocations = 0;
  private current?: Invocation;
  private startedAt = 0;

  constructor(private readonly options: FakeForgeRuntimeOptions) {
    this.installation = {
      appId: '6b7c1e2a-0000-4000-8000-00000000a99f',
      environmentId: '0c8e5d1b-0000-4000-8000-00000000e71f',
      installationId: '2f4a6c8e-0000-4000-8000-0000000001a5',
      contextAri: 'ari:cloud:jira::site/5a9d0c1e-0000-4000-8000-0000000051e0',
      ...options.installation,
    };
  }

  install(): this {
    const globals = globalThis as unknown as ForgeGlobals;
    this.saved = { forgeFetch: globals.__forge_fetch__, runtime: globals.__forge_runtime__, fetch: globals.fetch };
    globals.__forge_fetch__ = (target, path, init) => this.forgeFetch(target, path, init);
    globals.fetch = ((input: string | URL, init?: RequestInit) => this.egress(String(input), init)) as typeof fetch;
    return this;
  }

  uninstall(): void {
    if (!this.saved) return;
    const globals = globalThis as unknown as ForgeGlobals;
    globals.__forge_fetch__ = this.saved.forgeFetch;
    globals.__forge_runtime__ = this.saved.runtime;
    globals.fetch = this.saved.fetch;
    this.saved = undefined;
  }

  /**
   * Runs `body` as one invocation of a function of this installation, as Forge would set it up. Invocations share
   * the one global, as those of one Forge container do: overlapping ones see the latest one's context.
   */
  async invoke<T>(invocation: Invocation, body: () => Promise<T>): Promise<T> {
    this.current = invocation;
    this.startedAt = Date.now();
    (globalThis as unknown as ForgeGlobals).__forge_runtime__ = this.runtime(invocation);
    return body();
  }

  /** The URL the web-trigger mutation answers: one per app, environment, context and trigger, as on Forge. */
  webTriggerUrl(triggerKey: string): string {
    const { appId, environmentId, contextAri } = this.installation;
    const id = createHash('sha256').update([appId, environmentId, contextAri, triggerKey].join('|')).digest('base64url').slice(0, 24);
    return `https://${appId}.hello.atlassian-dev.net/x1/${id}`;
  }

  private runtime(invocation: Invocation) {
    const { appId, environmentId, installationId, contextAri } = this.installation;
    this.invocations += 1;
    const timeoutMs = (invocation.timeoutSeconds ?? 25) * 1000;
    return {
      contextAri,
      aaid: invocation.accountId,
      appContext: {
        appId,
        appVersion: '1.0.0',
        environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: `invocation-${this.invocations}`,
        installationId,
        functionKey: invocation.moduleKey,
        moduleType: 'function',
        moduleKey: invocation.moduleKey,
      },
      lambdaContext: {
        awsRequestId: `request-${this.invocations}`,
        getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - this.startedAt)),
      },
      tracing: { traceId: 'trace', spanId: 'span' },
      metrics: {
        counter: () => ({ incr: () => undefined, decr: () => undefined }),
        timing: () => ({ measure: () => ({ stop: () => undefined }) }),
        gauge: () => ({ set: () => undefined }),
      },
      featureFlags: () => false,
    };
  }

  private async forgeFetch(target: Target, path: string, init?: RequestInit): Promise<APIResponse> {
    if (target.type === 'fpp' && target.remote === 'stargate') return this.stargate(path, init);
    if (target.type === 'fpp' && target.remote && PRODUCTS.has(target.remote)) return this.product(target, path, init);
    return jsonResponse(404, { message: `The Forge stand-in does not serve ${target.type}/${target.remote ?? ''}` });
  }

  private async product(target: Target, path: string, init?: RequestInit): Promise<APIResponse> {
    const provider = target.provider === 'user' ? 'user' : 'app';
    const method = (init?.method ?? 'GET').toUpperCase();
    this.productCalls.push({ provider, product: String(target.remote), method, path });
    const { site } = this.options;
    const accountId = target.accountId ?? this.current?.accountId;
    if (provider === 'user' && !accountId) {
      return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
    }
    const bearer = provider === 'user' ? asUserBearer(site.credentials.asAppToken, accountId ?? '') : site.credentials.asAppToken;
    const answer = await site.transport.send({
      method,
      url: `${site.credentials.siteUrl}${path}`,
      headers: { ...headerRecord(init?.headers), authorization: `Bearer ${bearer}` },
      body: bodyText(init?.body),
    });
    return toResponse(answer.status, answer.headers, answer.body);
  }

  private async stargate(path: string, init?: RequestInit): Promise<APIResponse> {
    if (QUEUE_PUSH.test(path)) {
      if (!this.options.events) return jsonResponse(404, { message: 'No events service in this test' });
      return this.options.events.apiClient(PUSH_PATH, init);
    }
    if (path === '/graphql') return this.graphql(JSON.parse(bodyText(init?.body) ?? '{}') as GraphqlRequest);
    return jsonResponse(404, { message: `Not found: ${path}` });
  }

  private graphql(request: GraphqlRequest): APIResponse {
    const input = request.variables?.input;
    const { appId, environmentId, contextAri } = this.installation;
    const ours = input && input.appId === appId && input.envId === environmentId && input.contextId === contextAri;
    if (!request.query?.includes('createWebTriggerUrl') || !ours || !input.triggerKey) {
      return jsonResponse(200, { errors: [{ message: 'The Forge stand-in answers only createWebTriggerUrl for its installation' }] });
    }
    return jsonResponse(200, { data: { createWebTriggerUrl: { url: this.webTriggerUrl(input.triggerKey) } } });
  }

  private async egress(url: string, init?: RequestInit): Promise<Response> {
    const transport = this.options.egress ?? this.options.site.transport;
    const answer = await transport.send({
      method: (init?.method ?? 'GET').toUpperCase(),
      url,
      headers: headerRecord(init?.headers),
      body: bodyText(init?.body),
    });
    return toResponse(answer.status, answer.headers, answer.body);
  }
}

interface GraphqlRequest {
  query?: string;
  variables?: { input?: { appId?: string; envId?: string; contextId?: string; triggerKey?: string } };
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers as HeadersInit | undefined).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function bodyText(body: RequestInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  throw new Error('The Forge stand-in takes string bodies only');
}

function toResponse(status: number, headers: Record<string, string>, body: string): Response {
  const empty = status === 204 || status === 304 || body === '';
  return new Response(empty ? null : body, { status, headers });
}

function jsonResponse(status: number, body: unknown): APIResponse {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
