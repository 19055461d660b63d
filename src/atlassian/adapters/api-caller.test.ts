import { z } from 'zod';
import { FakeClock } from '../../../test/kit/fake-clock';
import { cryptoRandom } from '../../platform/crypto-random';
import { HttpClient } from '../../platform/http-client';
import { HttpNetworkError } from '../../platform/http-errors';
import type { HttpRequest, HttpResponse } from '../../platform/ports';
import { TargetError } from '../target';
import { ApiCaller, buildUrl, kindForStatus, type ApiFamily } from './api-caller';

const FAMILY: ApiFamily = {
  name: 'Jira',
  credential: 'the site API token',
  upstreamMessage: (body) => (body as { message?: string } | undefined)?.message,
  hints: { forbidden: 'the credential is not a site admin.' },
};

function callerAnswering(answer: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  const requests: HttpRequest[] = [];
  const transport = {
    send: async (request: HttpRequest) => {
      requests.push(request);
      return answer(request);
    },
  };
  const http = new HttpClient({ transport, clock: new FakeClock(), random: cryptoRandom, maxRetries: 0 });
  const caller = new ApiCaller({ http, baseUrl: 'https://x.atlassian.net/', headers: { authorization: 'Basic abc' } }, FAMILY);
  return { caller, requests };
}

const respond = (status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function failure(promise: Promise<unknown>): Promise<TargetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  return error as TargetError;
}

describe('kindForStatus', () => {
  it.each([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [408, 'transient'],
    [409, 'conflict'],
    [410, 'invalid'],
    [429, 'rateLimited'],
    [500, 'transient'],
    [503, 'transient'],
  ])('maps %i to %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('Retry-After and buildUrl', () => {
  it('reads Retry-After as delta-seconds or an HTTP date, in whole seconds, and ignores what it cannot read', async () => {
    const retryAfter = async (value?: string) => {
      const { caller } = callerAnswering(() => respond(429, '', value === undefined ? {} : { 'retry-after': value }));
      return (await failure(caller.send({ method: 'GET', path: '/a', action: 'read' }))).retryAfterSeconds;
    };
    expect(await retryAfter('30')).toBe(30);
    expect(await retryAfter(new Date(new FakeClock().now() + 90_500).toUTCString())).toBe(90);
    expect(await retryAfter('soon')).toBeUndefined();
    expect(await retryAfter()).toBeUndefined();
  });

  it('repeats array parameters, drops undefined ones and joins the base without double slashes', () => {
    expect(buildUrl('https://x/', '/a', { id: ['1', '2'], skip: undefined, n: 0, yes: true })).toBe('https://x/a?id=1&id=2&n=0&yes=true');
  });
});

describe('ApiCaller', () => {
  it('sends JSON with the endpoint headers and parses the answer with the schema', async () => {
    const { caller, requests } = callerAnswering(() => respond(201, { name: 'g', groupId: '1' }));
    const group = await caller.json(z.object({ groupId: z.string() }), {
      method: 'POST',
      path: '/rest/api/3/group',
      json: { name: 'g' },
      action: 'create group "g"',
    });
    expect(group).toEqual({ groupId: '1' });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://x.atlassian.net/rest/api/3/group',
      headers: { authorization: 'Basic abc', 'content-type': 'application/json', accept: 'application/json' },
      body: '{"name":"g"}',
    });
  });

  it('words failures for admins: the action, the family hint and what the API said', async () => {
    const { caller } = callerAnswering(() => respond(403, { message: 'no' }));
    const error = await failure(caller.send({ method: 'POST', path: '/g', action: 'create group "g"' }));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, retryable: false });
    expect(error.message).toBe('Could not create group "g": the credential is not a site admin. Jira said: "no"');
  });

  it('prefers a per-call hint and passes accepted statuses through', async () => {
    const { caller } = callerAnswering(() => respond(409));
    const error = await failure(caller.send({ method: 'POST', path: '/g', action: 'x', hints: { conflict: 'taken.' } }));
    expect(error.message).toBe('Could not x: taken.');
    expect((await caller.send({ method: 'POST', path: '/g', action: 'x', accept: [409] })).status).toBe(409);
  });

  it('surfaces a long Retry-After as rateLimited, and 5xx as transient', async () => {
    const limited = callerAnswering(() => respond(429, '', { 'retry-after': '120' }));
    expect(await failure(limited.caller.send({ method: 'GET', path: '/g', action: 'list groups' }))).toMatchObject({
      kind: 'rateLimited',
      retryAfterSeconds: 120,
      retryable: true,
    });
    const broken = callerAnswering(() => respond(502));
    expect(await failure(broken.caller.send({ method: 'GET', path: '/g', action: 'list groups' }))).toMatchObject({
      kind: 'transient',
      status: 502,
    });
  });

  it('turns a request that got no answer into transient, and lets programming errors through', async () => {
    const unreachable = callerAnswering(() => {
      throw new HttpNetworkError('GET', 'x.atlassian.net', new Error('ECONNRESET'));
    });
    const error = await failure(unreachable.caller.send({ method: 'GET', path: '/g', action: 'list groups' }));
    expect(error).toMatchObject({ kind: 'transient', status: undefined });
    expect(error.message).toContain('could not be reached');
    const buggy = callerAnswering(() => {
      throw new TypeError('bug');
    });
    await expect(buggy.caller.send({ method: 'GET', path: '/g', action: 'x' })).rejects.toThrow(TypeError);
  });

  it('reports a body that does not match the schema as invalid, naming where', async () => {
    const { caller } = callerAnswering(() => respond(200, { values: 'nope' }));
    const error = await failure(caller.json(z.object({ values: z.array(z.string()) }), { method: 'GET', path: '/g', action: 'list groups' }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('at values');
  });
});
