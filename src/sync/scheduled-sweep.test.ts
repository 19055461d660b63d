import { createConnection } from '../connections/connection-repository';
import { seedIdcs } from '../fakes/idp/seed-idcs';
import { acquireLease } from '../platform/lease';
import { PROVISIONING_QUEUE } from '../provisioning/jobs';
import { dueMode } from './due-runs';
import { pullConfigSchema, savePullConfig } from './pull-config';
import { readPullState, type PullState } from './pull-state';
import { getRunStatus } from './run-history';
import { MAX_RECOVERIES, RUN_LEASE_MS } from './run-limits';
import { runScheduledSweep } from './scheduled-sweep';
import { IDCS_CLIENT, idcsBed, reevaluationEvents, type IdcsBed } from '../../test/kit/pull-bed';
import { IDCS_BASE_URL } from '../../test/kit/connector-bed';

const at = (iso: string) => Date.parse(iso);
const config = (overrides: Record<string, unknown> = {}) =>
  pullConfigSchema.parse({
    provider: 'oracle-idcs',
    settings: { baseUrl: IDCS_BASE_URL, clientId: 'c' },
    intervalMinutes: 15,
    fullRunHourUtc: 3,
    ...overrides,
  });

describe('dueMode', () => {
  const ranFullAt = (iso: string): PullState => ({ lastRunStartedAt: at(iso), lastFullRunStartedAt: at(iso) });

  it('starts with a full run', () => {
    expect(dueMode(config(), {}, at('2026-01-01T10:00:00Z'))).toBe('full');
  });

  it('runs a delta every interval (a sweep early by up to a minute counts), and a full run once a day after the hour', () => {
    const state = ranFullAt('2026-01-01T10:00:00Z');
    expect(dueMode(config(), state, at('2026-01-01T10:05:00Z'))).toBeUndefined();
    expect(dueMode(config(), state, at('2026-01-01T10:14:10Z'))).toBe('delta');
    expect(dueMode(config(), state, at('2026-01-02T02:55:00Z'))).toBe('delta');
    expect(dueMode(config(), state, at('2026-01-02T03:00:00Z'))).toBe('full');
    expect(dueMode(config(), ranFullAt('2026-01-02T03:00:00Z'), at('2026-01-02T03:05:00Z'))).toBeUndefined();
  });

  it('runs only the daily full run on the daily interval, and nothing when scheduling is off', () => {
    const state = ranFullAt('2026-01-01T03:00:00Z');
    expect(dueMode(config({ intervalMinutes: 1440 }), state, at('2026-01-01T20:00:00Z'))).toBeUndefined();
    expect(dueMode(config({ intervalMinutes: 1440 }), state, at('2026-01-02T03:01:00Z'))).toBe('full');
    expect(dueMode(config({ enabled: false }), {}, at('2026-01-02T03:01:00Z'))).toBeUndefined();
  });
});

describe('runScheduledSweep and pull connections', () => {
  const scheduledRuns = async (bed: IdcsBed) => bed.pending().length;

  it('starts a due run once, even when the sweep fires twice', async () => {
    const bed = await idcsBed(seedIdcs(5, 1, 2));
    await createConnection(bed.platform, { provider: 'custom-scim', method: 'scim', name: 'SCIM' });
    await Promise.all([runScheduledSweep(bed.platform), runScheduledSweep(bed.platform)]);
    await runScheduledSweep(bed.platform);
    expect(await scheduledRuns(bed)).toBe(1);
    await bed.drain();
    const state = await readPullState(bed.platform.store, bed.connectionId);
    expect(await getRunStatus(bed.platform, bed.connectionId)).toMatchObject({ mode: 'full', trigger: 'schedule', status: 'succeeded' });
    expect(state.openRunId).toBeUndefined();
    await bed.platform.clock.advance(15 * 60_000);
    await runScheduledSweep(bed.platform);
    await bed.drain();
    expect(await getRunStatus(bed.platform, bed.connectionId)).toMatchObject({ mode: 'delta', trigger: 'schedule', status: 'succeeded' });
    expect(bed.platform.log.entries.find((e) => e.event === 'sweep.ran')?.fields).toMatchObject({ pullRunsStarted: 1 });
  });

  it('starts nothing when scheduled runs are off', async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    const settings = { baseUrl: IDCS_BASE_URL, clientId: IDCS_CLIENT.clientId };
    await savePullConfig(bed.platform, bed.connectionId, { provider: 'oracle-idcs', settings, enabled: false });
    await runScheduledSweep(bed.platform);
    expect(await scheduledRuns(bed)).toBe(0);
  });

  it('does nothing while another sweep holds the sweep lease', async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    await acquireLease(bed.platform.store, bed.platform.clock, 'sweep', 'other', 60_000);
    await runScheduledSweep(bed.platform);
    expect(await scheduledRuns(bed)).toBe(0);
    expect(bed.platform.log.events()).toEqual(['sweep.skipped']);
  });

  it(`resumes a stalled run ${MAX_RECOVERIES} times, then fails it and starts afresh`, async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    await runScheduledSweep(bed.platform);
    const runId = (await readPullState(bed.platform.store, bed.connectionId)).openRunId!;
    for (let attempt = 0; attempt <= MAX_RECOVERIES; attempt++) {
      bed.dropPending();
      await bed.platform.clock.advance(RUN_LEASE_MS + 60_000);
      await runScheduledSweep(bed.platform);
    }
    expect(bed.platform.log.events().filter((e) => e === 'pull.run_resumed')).toHaveLength(MAX_RECOVERIES);
    expect(await getRunStatus(bed.platform, bed.connectionId, runId)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('no progress'),
    });
    expect((await readPullState(bed.platform.store, bed.connectionId)).openRunId).not.toBe(runId);
    await bed.drain();
    expect(await getRunStatus(bed.platform, bed.connectionId)).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
  });

  it('re-queues provisioning jobs left pending, before it looks at pull runs', async () => {
    const bed = await idcsBed(seedIdcs(3, 0, 0));
    await runScheduledSweep(bed.platform);
    await bed.drain();
    const jobs = () => bed.platform.queue.pushed.filter((p) => p.queueName === PROVISIONING_QUEUE && p.event.body.type !== 'reevaluate').length;
    const before = jobs();
    const batches = reevaluationEvents(bed);
    await bed.platform.clock.advance(5 * 60_000);
    await runScheduledSweep(bed.platform);
    expect(jobs()).toBe(before + 3);
    // The re-evaluation the full run started never had its batch delivered here: the sweep pushes it again.
    expect(reevaluationEvents(bed)).toBe(batches + 1);
  });
});
