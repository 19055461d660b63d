// An in-process miniOrange admin API (docs/design.md §5): signed POSTs to the user
// endpoints, a server-time endpoint, and nothing else (no listing, groups or memberships: those answer 404).
import type { Clock, HttpRequest, HttpResponse, HttpTransport } from '../../platform/ports';
import { miniOrangeSignature } from '../../idp/miniorange/signature';
import { type FakeHandler, headerOf, jsonResponse, parseJsonBody, transportOf } from './fake-http';

export interface FakeMiniOrangeUser {
  username: string;
  email: string;
  phone?: string;
  /** Second-factor method, e.g. `OUT OF BAND EMAIL`. */
  authType?: string;
  firstName?: string;
  lastName?: string;
  /** Set to another customer's key to model USER_FOUND_UNDER_DIFFERENT_CUSTOMER. */
  customerKey?: string;
}

export interface FakeMiniOrangeOptions {
  customerKey: string;
  apiKey: string;
  clock: Clock;
  users?: FakeMiniOrangeUser[];
  /** Accepted distance between the Timestamp header and the server's clock. Default 5 minutes. */
  timestampWindowMs?: number;
  /** How an authentication failure is answered; the real one is unverified. Default 'http401'. */
  authFailure?: 'http401' | 'status200';
}

export interface FakeMiniOrange {
  transport: HttpTransport;
  handle: FakeHandler;
  readonly requests: { path: string }[];
}

const USERS_PATH = '/moas/api/admin/users/';

export function createFakeMiniOrange(options: FakeMiniOrangeOptions): FakeMiniOrange {
  const window = options.timestampWindowMs ?? 5 * 60_000;
  const users = options.users ?? [];
  const requests: { path: string }[] = [];

  function authFailure(message: string): HttpResponse {
    return jsonResponse(options.authFailure === 'status200' ? 200 : 401, { status: 'ERROR', message });
  }

  function checkSignature(request: HttpRequest): HttpResponse | undefined {
    const customerKey = headerOf(request, 'customer-key');
    const timestamp = headerOf(request, 'timestamp');
    const authorization = headerOf(request, 'authorization');
    if (!customerKey || !timestamp || !authorization) return authFailure('Missing authentication headers.');
    if (customerKey !== options.customerKey) return authFailure('Invalid customer key.');
    if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - options.clock.now()) > window) {
      return authFailure('Request timestamp is outside the allowed window.');
    }
    if (authorization !== miniOrangeSignature(customerKey, timestamp, options.apiKey)) {
      return authFailure('Invalid authorization.');
    }
    return undefined;
  }

  function findUser(body: Record<string, unknown>): FakeMiniOrangeUser | undefined {
    const wanted = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
    const username = wanted(body.username);
    const email = wanted(body.email);
    return (
      users.find((u) => u.username.toLowerCase() === username) ??
      (email === undefined ? undefined : users.find((u) => u.email.toLowerCase() === email))
    );
  }

  function userOperation(op: string, body: Record<string, unknown>): HttpResponse {
    if (body.customerKey !== options.customerKey) {
      return jsonResponse(200, { status: 'ERROR', message: 'customerKey in the body does not match the Customer-Key header.' });
    }
    if (typeof body.username !== 'string' || body.username === '') {
      return jsonResponse(200, { status: 'ERROR', message: 'username is required.' });
    }
    const user = findUser(body);
    const ours = user && (user.customerKey ?? options.customerKey) === options.customerKey;
    if (op === 'search') {
      const status = !user ? 'USER_NOT_FOUND' : ours ? 'USER_FOUND' : 'USER_FOUND_UNDER_DIFFERENT_CUSTOMER';
      return jsonResponse(200, { status, message: '' });
    }
    if (!user || !ours) return jsonResponse(200, { status: 'FAILED', message: 'User not found.' });
    const { customerKey: _owner, ...fields } = user;
    return jsonResponse(200, { status: 'SUCCESS', authType: 'OUT OF BAND EMAIL', phone: '', ...fields });
  }

  const handle: FakeHandler = async (request) => {
    const path = new URL(request.url).pathname;
    requests.push({ path });
    if (request.method !== 'POST') return jsonResponse(405, { status: 'ERROR', message: 'Use POST.' });
    if (path === '/moas/rest/mobile/get-timestamp') {
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(options.clock.now()) };
    }
    const op = path.startsWith(USERS_PATH) ? path.slice(USERS_PATH.length) : undefined;
    if (op !== 'get' && op !== 'search') return jsonResponse(404, { status: 'ERROR', message: 'Not found.' });
    const rejected = checkSignature(request);
    if (rejected) return rejected;
    const body = parseJsonBody(request);
    if (!body || typeof body !== 'object') return jsonResponse(200, { status: 'ERROR', message: 'Invalid JSON body.' });
    return userOperation(op, body as Record<string, unknown>);
  };

  return { transport: transportOf(handle), handle, requests };
}
