import { getUser } from '../directory/users';
import { idcsId, seedIdcs } from '../fakes/idp/seed-idcs';
import { saveProvisioningOptions } from '../provisioning/options-store';
import { listActivity } from '../records/activity-log';
import { directoryIdOf } from './directory-mapping';
import { cancelRun, confirmRun } from './run-confirmation';
import { getRunStatus } from './run-history';
import { runScheduledSweep } from './scheduled-sweep';
import { synchronizeNow } from './start-run';
import { idcsBed, runToEnd, type IdcsBed } from '../../test/kit/pull-bed';

/** 20 users synced; then 5 of them (25%, above the default 10%) deleted in the IdP. */
async function quarterGone(): Promise<IdcsBed> {
  const bed = await idcsBed(seedIdcs(20, 2, 5));
  await runToEnd(bed);
  for (const i of [10, 11, 12, 13, 14]) bed.fake.removeUser(idcsId('user', i));
  return bed;
}

describe('the safety threshold of a full run', () => {
  it('stops before removing anything, says why, and holds scheduled runs back', async () => {
    const bed = await quarterGone();
    const waiting = await runToEnd(bed);
    expect(waiting).toMatchObject({
      status: 'needsConfirmation',
      phase: 'removeUsers',
      awaitingConfirmation: { usersToRemove: 5, totalUsers: 20, groupsToRemove: 0 },
      message: expect.stringContaining('would remove 5 of 20 users (25%)'),
    });
    expect(await bed.userCount()).toBe(20);
    const { entries } = await listActivity(bed.platform.store, { connectionId: bed.connectionId, result: 'refused' });
    expect(entries[0]).toMatchObject({ subject: { kind: 'pull-run', id: waiting.id }, reason: expect.stringContaining('confirm') });
    expect(await synchronizeNow(bed.platform, bed.connectionId)).toMatchObject({ ok: false, reason: 'awaitingConfirmation' });
    await bed.platform.clock.advance(86_400_000);
    await runScheduledSweep(bed.platform);
    expect(bed.pending()).toEqual([]);
  });

  it('counts groups too: stops before removing every group when the IdP lists none', async () => {
    const bed = await idcsBed(seedIdcs(20, 12, 2));
    await runToEnd(bed);
    for (let j = 0; j < 12; j++) bed.fake.removeGroup(idcsId('group', j));
    const waiting = await runToEnd(bed);
    expect(waiting).toMatchObject({
      status: 'needsConfirmation',
      awaitingConfirmation: { usersToRemove: 0, groupsToRemove: 12, totalGroups: 12 },
      message: expect.stringContaining('12 of 12 groups'),
    });
    expect(await bed.groupCount()).toBe(12);
    expect(await confirmRun(bed.platform, bed.connectionId, waiting.id)).toMatchObject({ ok: true });
    await bed.drain();
    expect(await bed.groupCount()).toBe(0);
    expect(await bed.userCount()).toBe(20);
  });

  it('removes them once an admin confirms', async () => {
    const bed = await quarterGone();
    const waiting = await runToEnd(bed);
    expect(await confirmRun(bed.platform, bed.connectionId, waiting.id)).toMatchObject({ ok: true, run: { status: 'running' } });
    await bed.drain();
    const done = await getRunStatus(bed.platform, bed.connectionId, waiting.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: { users: { removed: 5 } } });
    expect(await getUser(bed.ctx, directoryIdOf(idcsId('user', 12)))).toBeUndefined();
    expect(await bed.userCount()).toBe(15);
    const { entries } = await listActivity(bed.platform.store, { connectionId: bed.connectionId, result: 'accepted' });
    expect(entries[0]).toMatchObject({ actor: 'admin', subject: { id: waiting.id } });
    expect(await confirmRun(bed.platform, bed.connectionId, waiting.id)).toMatchObject({ ok: false, reason: 'notWaiting' });
  });

  it('checks again with the IdP when confirmed, and keeps users who came back meanwhile', async () => {
    const { users } = seedIdcs(20, 0, 0);
    const bed = await quarterGone();
    const waiting = await runToEnd(bed);
    await bed.platform.clock.advance(3 * 86_400_000);
    for (const i of [10, 11]) bed.fake.addUser(users[i]!);
    expect(await confirmRun(bed.platform, bed.connectionId, waiting.id)).toMatchObject({ ok: true });
    await bed.drain();
    expect(await getRunStatus(bed.platform, bed.connectionId, waiting.id)).toMatchObject({
      status: 'succeeded',
      progress: { users: { removed: 3 } },
    });
    expect(await getUser(bed.ctx, directoryIdOf(idcsId('user', 10)))).toBeDefined();
    expect(await getUser(bed.ctx, directoryIdOf(idcsId('user', 12)))).toBeUndefined();
    expect(await bed.userCount()).toBe(17);
  });

  it('removes nothing when an admin cancels, and lets runs start again', async () => {
    const bed = await quarterGone();
    const waiting = await runToEnd(bed);
    expect(await cancelRun(bed.platform, bed.connectionId, waiting.id)).toMatchObject({ ok: true, run: { status: 'cancelled' } });
    expect(await bed.userCount()).toBe(20);
    expect(await synchronizeNow(bed.platform, bed.connectionId)).toMatchObject({ ok: true });
  });

  it('is cancelled by the sweep after a week without an answer', async () => {
    const bed = await quarterGone();
    const waiting = await runToEnd(bed);
    await bed.platform.clock.advance(8 * 86_400_000);
    await runScheduledSweep(bed.platform);
    expect(await getRunStatus(bed.platform, bed.connectionId, waiting.id)).toMatchObject({
      status: 'cancelled',
      message: expect.stringContaining('7 days'),
    });
    expect(bed.pending()).toHaveLength(1);
    expect(await bed.userCount()).toBe(20);
  });

  it('goes straight on below the threshold, or with fewer users than the threshold needs', async () => {
    const bed = await quarterGone();
    const saved = await saveProvisioningOptions(bed.platform.store, bed.connectionId, { safety: { maxDisableShare: 0.3 } });
    expect(saved.ok).toBe(true);
    expect(await runToEnd(bed)).toMatchObject({ status: 'succeeded', progress: { users: { removed: 5 } } });

    const small = await idcsBed(seedIdcs(5, 0, 0));
    await runToEnd(small);
    for (const i of [0, 1, 2]) small.fake.removeUser(idcsId('user', i));
    expect(await runToEnd(small)).toMatchObject({ status: 'succeeded', progress: { users: { removed: 3 } } });
  });
});
