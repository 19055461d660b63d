import { FakeClock } from '../../test/kit/fake-clock';
import { LogCapture } from '../../test/kit/log-capture';
import { HttpClient, retryAfterMs, type HttpClientOptions } from './http-client';
import { HttpNetworkError, HttpTimeoutError } from './http-errors';
import type { HttpRequest, HttpResponse, HttpTransport } from './ports';

type Step = Partial<HttpResponse> | Error;

/** Answers each send with the next scripted step and records when it was called. */
class ScriptedTransport implements HttpTransport {
  readonly calls: (HttpRequest & { at: number })[] = [];

  constructor(
    private readonly clock: SteppingClock,
    private readonly steps: Step[],
  ) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.calls.push({ ...request, at: this.clock.now() });
    const step = this.steps.shift();
    if (step === undefined) throw new Error('script exhausted');
    if (step instanceof Error) throw step;
    return { status: 200, headers: {}, body: '', ...step };
  }

  /** Milliseconds between consecutive sends: the client's waits, since the fake answers instantly. */
  gaps(): number[] {
    return this.calls.slice(1).map((call, i) => call.at - this.calls[i].at);
  }
}

/** A FakeClock that knows its sleepers' deadlines, so a test can step from one wait to the next exactly. */
class SteppingClock extends FakeClock {
  private deadlines: number[] = [];

  override sleep(ms: number): Promise<void> {
    this.deadlines.push(this.now() + Math.max(0, ms));
    return super.sleep(ms);
  }

  async advanceToNextSleep(): Promise<boolean> {
    this.deadlines = this.deadlines.filter((deadline) => deadline >= this.now()).sort((a, b) => a - b);
    const next = this.deadlines.shift();
    if (next === undefined) return false;
    await this.advance(next - this.now());
    return true;
  }
}

const URL_ = 'https://example.atlassian.net/rest/api/3/group/member?groupId=g1';

function setup(steps: Step[], options: Partial<HttpClientOptions> = {}) {
  const clock = new SteppingClock();
  const transport = new ScriptedTransport(clock, steps);
  const log = new LogCapture();
  const client = new HttpClient({ transport, clock, log, random: { fraction: () => 0.5 }, ...options });
  /** Runs a call to completion, moving the fake clock through every wait. */
  const run = async <T>(call: Promise<T>): Promise<T> => {
    let settled = false;
    const tracked = call.finally(() => (settled = true));
    tracked.catch(() => undefined);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // the call runs until it sleeps or settles
      if (settled || !(await clock.advanceToNextSleep())) return tracked;
    }
  };
  return { clock, transport, client, log, run };
}

const status = (code: number, headers: Record<string, string> = {}): Step => ({ status: code, headers });
const timeout = () => new HttpTimeoutError('GET', 'example.atlassian.net', 10_000);
const network = () => new HttpNetworkError('GET', 'example.atlassian.net', new Error('ECONNRESET'));

describe('HttpClient', () => {
  it('returns the first answer that needs no retry, with attempts = 1', async () => {
    const { client, transport, run } = setup([{ status: 404, body: 'nope' }]);
    await expect(run(client.request({ method: 'GET', url: URL_ }))).resolves.toEqual({
      status: 404,
      headers: {},
      body: 'nope',
      attempts: 1,
    });
    expect(transport.calls).toHaveLength(1);
  });

  it('waits exactly the Retry-After seconds on 429 and 503', async () => {
    const { client, transport, run } = setup([status(429, { 'retry-after': '7' }), status(503, { 'retry-after': '0' }), status(200)]);
    const result = await run(client.request({ method: 'GET', url: URL_ }));
    expect(result).toMatchObject({ status: 200, attempts: 3 });
    expect(transport.gaps()).toEqual([7000, 0]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const clock = new FakeClock();
    const at = new Date(clock.now() + 12_000).toUTCString();
    const { client, transport, run } = setup([status(503, { 'retry-after': at }), status(204)]);
    await expect(run(client.request({ method: 'DELETE', url: URL_ }))).resolves.toMatchObject({ status: 204, attempts: 2 });
    expect(transport.gaps()).toEqual([12_000]);
  });

  it('hands a Retry-After longer than maxRetryAfterMs back to the caller instead of waiting', async () => {
    const { client, transport, run } = setup([status(429, { 'retry-after': '3600' })], { maxRetryAfterMs: 60_000 });
    await expect(run(client.request({ method: 'GET', url: URL_ }))).resolves.toMatchObject({ status: 429, attempts: 1 });
    expect(transport.calls).toHaveLength(1);
  });

  it('backs off exponentially from initialDelayMs up to the cap when there is no Retry-After', async () => {
    const steps = [...Array.from({ length: 7 }, () => status(500)), status(502)];
    const { client, transport, run } = setup(steps, { initialDelayMs: 1000, maxDelayMs: 30_000, maxRetries: 7 });
    await expect(run(client.request({ method: 'GET', url: URL_ }))).resolves.toMatchObject({ status: 502, attempts: 8 });
    expect(transport.gaps()).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('applies jitter between 0.7 and 1.3 times the delay', async () => {
    for (const [random, first] of [
      [0, 700],
      [0.999999, 1299.9994],
    ] as const) {
      const { client, transport, run } = setup([status(503), status(503), status(200)], { random: { fraction: () => random } });
      await run(client.request({ method: 'GET', url: URL_ }));
      expect(transport.gaps()[0]).toBeCloseTo(first, 3);
      expect(transport.gaps()[1]).toBeCloseTo(first * 2, 3);
    }
  });

  it('does not retry a plain POST, whatever the status or error', async () => {
    const a = setup([status(503, { 'retry-after': '1' })]);
    await expect(a.run(a.client.request({ method: 'POST', url: URL_, body: '{}' }))).resolves.toMatchObject({ status: 503, attempts: 1 });
    const b = setup([timeout()]);
    await expect(b.run(b.client.request({ method: 'POST', url: URL_, body: '{}' }))).rejects.toMatchObject({ name: 'HttpTimeoutError', attempts: 1 });
    const c = setup([network()]);
    await expect(c.run(c.client.request({ method: 'PATCH', url: URL_, body: '{}' }))).rejects.toBeInstanceOf(HttpNetworkError);
    expect([a, b, c].map((s) => s.transport.calls.length)).toEqual([1, 1, 1]);
  });

  it('retries a POST marked idempotent', async () => {
    const { client, run } = setup([status(429, { 'retry-after': '1' }), status(200)]);
    await expect(run(client.request({ method: 'POST', url: URL_ }, { idempotent: true }))).resolves.toMatchObject({ attempts: 2 });
  });

  it('retries timeouts and network errors for idempotent requests, then throws with the attempts made', async () => {
    const ok = setup([timeout(), network(), status(200)]);
    await expect(ok.run(ok.client.request({ method: 'PUT', url: URL_ }))).resolves.toMatchObject({ status: 200, attempts: 3 });
    expect(ok.transport.gaps()).toEqual([1000, 2000]);

    const failing = setup([timeout(), timeout(), timeout()], { maxRetries: 2 });
    const error = await failing.run(failing.client.request({ method: 'GET', url: URL_ })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ attempts: 3 });
  });

  it('respects maxRetries, per client and per request', async () => {
    const failures = Array.from({ length: 6 }, () => status(503));
    const client = setup([...failures], { maxRetries: 2 });
    await expect(client.run(client.client.request({ method: 'GET', url: URL_ }))).resolves.toMatchObject({ attempts: 3 });
    const request = setup([...failures], { maxRetries: 2 });
    await expect(request.run(request.client.request({ method: 'GET', url: URL_ }, { maxRetries: 0 }))).resolves.toMatchObject({
      status: 503,
      attempts: 1,
    });
    const defaults = setup([...failures]);
    await expect(defaults.run(defaults.client.request({ method: 'GET', url: URL_ }))).resolves.toMatchObject({ attempts: 5 });
  });

  it('does not retry client errors or 501, nor errors that are not transport errors', async () => {
    for (const code of [400, 401, 403, 404, 409, 501]) {
      const { client, run } = setup([status(code), status(200)]);
      await expect(run(client.request({ method: 'GET', url: URL_ }))).resolves.toMatchObject({ status: code, attempts: 1 });
    }
    const { client, transport, run } = setup([new TypeError('bad header'), status(200)]);
    await expect(run(client.request({ method: 'GET', url: URL_ }))).rejects.toThrow('bad header');
    expect(transport.calls).toHaveLength(1);
  });

  it('passes the client timeout to the transport unless the request has its own', async () => {
    const { client, transport, run } = setup([status(200), status(200)], { timeoutMs: 5000 });
    await run(client.request({ method: 'GET', url: URL_ }));
    await run(client.request({ method: 'GET', url: URL_, timeoutMs: 900 }));
    expect(transport.calls.map((c) => c.timeoutMs)).toEqual([5000, 900]);
  });

  it('logs retries with method, host and cause, never the path or query', async () => {
    const { client, log, run } = setup([status(429, { 'retry-after': '2' }), status(200)]);
    await run(client.request({ method: 'GET', url: URL_ }));
    expect(log.entries).toEqual([
      { level: 'info', event: 'http.retry', fields: { method: 'GET', host: 'example.atlassian.net', attempt: 1, cause: '429', delayMs: 2000 } },
    ]);
    expect(log.text()).not.toContain('groupId');
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['5', 5000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    ['-3', undefined],
    [undefined, undefined],
  ])('reads %p as %p ms', (value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });
});
