// Wiring for connector tests: an HttpClient over a fake, in-memory secrets, captured logs, and a fake clock
// whose sleeps advance it at once (so retry backoff runs instantly but still moves time, expiring tokens).
import { FakeClock } from './fake-clock';
import { LogCapture } from './log-capture';
import { HttpClient } from '../../src/platform/http-client';
import type { HttpTransport, Secrets } from '../../src/platform/ports';
import type { DeltaMark, IdpCursor, IdpPage } from '../../src/idp/connector';
import type { IdpConnectorDeps } from '../../src/idp/connector-deps';
import type { OracleIdcsConfigInput } from '../../src/idp/oracle-idcs/config';
import { createOracleIdcsConnector } from '../../src/idp/oracle-idcs/connector';
import { type FakeIdcs, type FakeIdcsOptions, createFakeIdcs } from '../../src/fakes/idp/fake-idcs';

export class AutoAdvanceClock extends FakeClock {
  override sleep(ms: number): Promise<void> {
    const slept = super.sleep(ms);
    void this.advance(ms);
    return slept;
  }
}

export function memorySecrets(initial: Record<string, string> = {}): Secrets {
  const values = new Map(Object.entries(initial));
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value);
    },
    delete: async (key) => {
      values.delete(key);
    },
  };
}

export interface ConnectorBed {
  deps: IdpConnectorDeps;
  clock: AutoAdvanceClock;
  log: LogCapture;
}

export function connectorBed(transport: HttpTransport, options: { secret?: string; clock?: AutoAdvanceClock } = {}): ConnectorBed {
  const clock = options.clock ?? new AutoAdvanceClock();
  const log = new LogCapture();
  const secretKey = 'connection:test:secret';
  const secrets = memorySecrets(options.secret === undefined ? {} : { [secretKey]: options.secret });
  const http = new HttpClient({ transport, clock, random: { fraction: () => 0.5 }, log });
  return { deps: { http, clock, secrets, log, secretKey }, clock, log };
}

export const IDCS_BASE_URL = 'https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com';

/** A fake identity domain and a connector pointed at it, sharing one auto-advancing clock. */
export function idcsTestBed(
  fakeOptions: Omit<FakeIdcsOptions, 'clientId' | 'clientSecret' | 'clock'> = {},
  config: Partial<OracleIdcsConfigInput> = {},
  options: { secret?: string; transport?: (fake: FakeIdcs) => HttpTransport } = {},
) {
  const clock = new AutoAdvanceClock();
  const fake = createFakeIdcs({ clientId: 'client-1', clientSecret: 'secret-1', clock, ...fakeOptions });
  const harness = connectorBed(options.transport?.(fake) ?? fake.transport, { clock, secret: options.secret ?? 'secret-1' });
  const connector = createOracleIdcsConnector({ baseUrl: IDCS_BASE_URL, clientId: 'client-1', ...config }, harness.deps);
  const calls = (path: string) => fake.requests.filter((r) => r.path === path);
  return { ...harness, fake, connector, calls };
}

/** Follows `next` to the end of a listing. */
export async function collectAll<T>(
  page: (cursor: IdpCursor | undefined) => Promise<IdpPage<T>>,
): Promise<{ items: T[]; pages: number; mark?: DeltaMark }> {
  const items: T[] = [];
  let cursor: IdpCursor | undefined;
  for (let pages = 1; ; pages++) {
    const result = await page(cursor);
    items.push(...result.items);
    if (!result.next) return { items, pages, ...(result.mark ? { mark: result.mark } : {}) };
    // Cursors must survive a queue event: resume from a serialised copy.
    cursor = JSON.parse(JSON.stringify(result.next)) as IdpCursor;
  }
}
