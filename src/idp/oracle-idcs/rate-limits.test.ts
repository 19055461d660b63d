import { collectAll, idcsTestBed } from '../../../test/kit/connector-bed';
import { seedIdcs } from '../../fakes/idp/seed-idcs';

describe('Oracle IDCS connector under rate limits', () => {
  it('backs off through a storm of 429s without Retry-After, then succeeds', async () => {
    const bed = idcsTestBed(seedIdcs(10, 0, 0));
    await bed.connector.testConnection(); // holds a token now
    const before = bed.clock.now();
    bed.fake.throttleNext(3);
    const page = await bed.connector.listUsersPage!(undefined);
    expect(page.items).toHaveLength(10);
    // 1 s, 2 s, 4 s: the client's exponential backoff (jitter fixed at its midpoint here).
    expect(bed.clock.now() - before).toBe(7000);
    expect(bed.log.entries.filter((e) => e.event === 'http.retry').map((e) => e.fields.cause)).toEqual(['429', '429', '429']);
  });

  it('finishes a listing against a per-second limit', async () => {
    const bed = idcsTestBed({ ...seedIdcs(2500, 0, 0), rateLimit: { perSecond: 1 } });
    const { items } = await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
    expect(items).toHaveLength(2500);
    expect(bed.log.events()).toContain('http.retry');
  });

  it('retries a 503 once and goes on', async () => {
    const bed = idcsTestBed(seedIdcs(10, 0, 0));
    bed.fake.failNext(503);
    expect((await bed.connector.listUsersPage!(undefined)).items).toHaveLength(10);
  });

  it('reports rateLimited when the storm outlasts the retries', async () => {
    const bed = idcsTestBed(seedIdcs(10, 0, 0));
    bed.fake.throttleNext(50);
    await expect(bed.connector.listUsersPage!(undefined)).rejects.toMatchObject({ kind: 'rateLimited', details: { status: 429 } });
  });

  it('retries a throttled token request too', async () => {
    const bed = idcsTestBed(seedIdcs(10, 0, 0));
    bed.fake.throttleNext(2);
    expect(await bed.connector.testConnection()).toMatchObject({ ok: true });
  });
});
