// One HTTP exchange with an Atlassian API, and the mapping of its failures to TargetError. Each API family
// (site REST, SCIM, organizations, Bitbucket) describes how to read its error body and what to tell an admin.
import type { z } from 'zod';
import type { HttpClient, HttpResult } from '../../platform/http-client';
import { HttpTransportError } from '../../platform/http-errors';
import { failureKindOf } from '../../platform/http-status';
import { parseJson } from '../../platform/json';
import type { HttpResponse } from '../../platform/ports';
import { TargetError, type TargetErrorKind } from '../target';

export type Hints = Partial<Record<TargetErrorKind, string>>;

export interface ApiFamily {
  /** As it reads in a sentence: "Jira", "the Atlassian SCIM API". */
  name: string;
  /** As it reads in a sentence: "the site API token". */
  credential: string;
  /** The human part of an error body, when there is one. */
  upstreamMessage(body: unknown): string | undefined;
  /** Family-wide advice per kind, overridable per call. */
  hints?: Hints;
}

export interface ApiEndpoint {
  /** Retries 429/5xx of idempotent requests with Retry-After or backoff; what is left surfaces as TargetError. */
  http: HttpClient;
  baseUrl: string;
  /** Authorization and any other fixed headers. */
  headers: Record<string, string>;
  /** For JSON bodies; SCIM wants application/scim+json. */
  jsonContentType?: string;
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface Call {
  method: string;
  path: string;
  query?: Query;
  json?: unknown;
  /** application/x-www-form-urlencoded body (Bitbucket 1.0). */
  form?: Record<string, string>;
  /** What we were doing, for messages: `create group "eng"`. */
  action: string;
  hints?: Hints;
  /** Non-2xx statuses this call handles itself (e.g. 404 meaning "absent"). */
  accept?: readonly number[];
  /** A POST or PATCH that is safe to repeat (searches, membership changes), so HttpClient may retry it. */
  idempotent?: boolean;
}

export class ApiCaller {
  constructor(
    private readonly endpoint: ApiEndpoint,
    private readonly family: ApiFamily,
  ) {}

  /** The response when it is 2xx or accepted; otherwise throws the TargetError for it. */
  async send(call: Call): Promise<HttpResponse> {
    const response = await this.exchange(call);
    if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) return response;
    throw this.failure(response, call);
  }

  async json<T>(schema: z.ZodType<T>, call: Call): Promise<T> {
    return this.parse(schema, await this.send(call), call);
  }

  parse<T>(schema: z.ZodType<T>, response: HttpResponse, call: Call): T {
    const result = schema.safeParse(parseJson(response.body));
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    const problem = `${this.family.name} answered ${response.status} with a body we do not understand${where}`;
    throw new TargetError('invalid', `Could not ${call.action}: ${problem} (${issue?.message ?? 'not JSON'}).`, {
      status: response.status,
    });
  }

  private async exchange(call: Call): Promise<HttpResult> {
    const { headers, body } = encodeBody(call, this.endpoint.jsonContentType ?? 'application/json');
    try {
      return await this.endpoint.http.request(
        {
          method: call.method,
          url: buildUrl(this.endpoint.baseUrl, call.path, call.query),
          headers: { accept: 'application/json', ...this.endpoint.headers, ...headers },
          body,
        },
        { idempotent: call.idempotent },
      );
    } catch (cause) {
      if (!(cause instanceof HttpTransportError)) throw cause;
      const message = `Could not ${call.action}: ${this.family.name} could not be reached (${cause.message}).`;
      throw new TargetError('transient', message, { cause });
    }
  }

  private failure(response: HttpResult, call: Call): TargetError {
    const kind = kindForStatus(response.status);
    const retryAfterSeconds = response.retryAfterMs === undefined ? undefined : Math.ceil(response.retryAfterMs / 1000);
    const upstream = this.family.upstreamMessage(parseJson(response.body));
    const hint = call.hints?.[kind] ?? this.family.hints?.[kind] ?? defaultHint(kind, this.family, retryAfterSeconds);
    const said = upstream ? ` ${this.family.name} said: "${upstream}"` : '';
    return new TargetError(kind, `Could not ${call.action}: ${hint}${said}`, { status: response.status, retryAfterSeconds });
  }
}

export function kindForStatus(status: number): TargetErrorKind {
  const kind = failureKindOf(status);
  return kind === 'refused' ? 'invalid' : kind;
}

function defaultHint(kind: TargetErrorKind, family: ApiFamily, retryAfterSeconds: number | undefined): string {
  switch (kind) {
    case 'unauthorized':
      return `${family.name} rejected ${family.credential}; it may have expired, or it is wrong, revoked or regenerated.`;
    case 'forbidden':
      return `${family.credential} is not allowed to do this.`;
    case 'notFound':
      return 'it does not exist (or is not visible to this credential).';
    case 'conflict':
      return 'it already exists.';
    case 'rateLimited':
      return `${family.name} is rate limiting requests; wait ${retryAfterSeconds ?? 'a few'} seconds.`;
    case 'transient':
      return `${family.name} failed temporarily; it will be retried.`;
    case 'invalid':
    case 'unsupported':
      return `${family.name} refused the request.`;
  }
}

export function buildUrl(baseUrl: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const search = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

function encodeBody(call: Call, jsonContentType: string): { headers: Record<string, string>; body?: string } {
  if (call.form) {
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(call.form).toString(),
    };
  }
  if (call.json !== undefined) return { headers: { 'content-type': jsonContentType }, body: JSON.stringify(call.json) };
  return { headers: {} };
}

export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

/** A SCIM/JQL-style quoted string literal. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Atlassian emails and group names compare case-insensitively. */
export function sameText(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
