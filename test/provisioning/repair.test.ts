import { updateConnection } from '../../src/connections/connection-repository';
import { listPendingChanges } from '../../src/records/change-records';
import { PENDING_GRACE_MS, repairPendingProvisioning } from '../../src/provisioning/repair';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// The repair pass of the scheduled sweep: a change whose job never reached the queue is queued again once it has
// waited longer than the grace period, and then applied.

describe('repairPendingProvisioning', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  /** A SCIM create whose job push fails: the IdP gets its 201, the change record is all that is left. */
  async function createWithLostJob(userName: string): Promise<void> {
    jest.spyOn(h.platform.queue, 'push').mockRejectedValueOnce(new Error('queue unavailable'));
    await h.createUser(userName);
    expect(h.platform.log.events()).toContain('provisioning.enqueue_failed');
  }

  const pending = async () => (await listPendingChanges(h.platform.store, h.scim.connectionId)).items;

  it('re-queues a change left pending past the grace period, and the job applies it', async () => {
    await createWithLostJob('ada@example.com');
    await h.runJobs();
    expect(h.account('ada@example.com')).toBeUndefined();
    expect(await pending()).toHaveLength(1);

    await h.clock.advance(PENDING_GRACE_MS - 1000);
    expect(await repairPendingProvisioning(h.platform)).toEqual({ requeued: 0 });
    await h.clock.advance(1000);
    expect(await repairPendingProvisioning(h.platform)).toEqual({ requeued: 1 });
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada Lovelace', active: true });
    expect(await pending()).toEqual([]);
    expect(await repairPendingProvisioning(h.platform)).toEqual({ requeued: 0 });
  });

  it('leaves the changes of a disabled connection alone', async () => {
    await createWithLostJob('ada@example.com');
    await updateConnection(h.platform.store, h.scim.connectionId, (connection) => ({ ...connection, enabled: false }));
    await h.clock.advance(PENDING_GRACE_MS);
    expect(await repairPendingProvisioning(h.platform)).toEqual({ requeued: 0 });
    expect(await pending()).toHaveLength(1);
  });

  it('a job that is re-queued while its first delivery is still waiting to retry does no harm', async () => {
    h.sandbox.injectFault({ status: 429, times: 1, retryAfterSeconds: 900 });
    await h.createUser('ada@example.com');
    await h.clock.advance(PENDING_GRACE_MS);
    expect(await repairPendingProvisioning(h.platform)).toEqual({ requeued: 1 });
    await h.runJobs();
    expect(h.snapshot().users.filter((user) => user.email === 'ada@example.com')).toHaveLength(1);
    expect(await pending()).toEqual([]);
  });
});
