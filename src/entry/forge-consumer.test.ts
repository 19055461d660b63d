import type { AsyncEvent } from '@forge/events';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { handleProvisioningJob } from '../provisioning/worker-handler';
import { listActivity } from '../records/activity-log';
import { handlePullPage } from '../sync/pull-page-handler';
import { FakeClock } from '../../test/kit/fake-clock';
import { createTestPlatform, type TestPlatform } from '../../test/kit/test-platform';
import { reportStalledDeliveries, STALLED_AFTER_MS } from '../records/delivery-failures';
import { pullSyncConsumer } from './pull-sync-consumer';
import { provisioningConsumer } from './provisioning-consumer';

jest.mock('../platform/forge/forge-platform', () => ({ createForgePlatform: jest.fn() }));
jest.mock('../provisioning/worker-handler', () => ({ handleProvisioningJob: jest.fn() }));
jest.mock('../sync/pull-page-handler', () => ({ handlePullPage: jest.fn() }));

let platform: TestPlatform;
let clock: FakeClock;
beforeEach(() => {
  clock = new FakeClock();
  platform = createTestPlatform({ clock });
  (createForgePlatform as jest.Mock).mockReturnValue(platform);
  (handleProvisioningJob as jest.Mock).mockReset();
  (handlePullPage as jest.Mock).mockReset();
});

function event(queueName: string, retryCount = 0, eventId = 'event-1'): AsyncEvent {
  return {
    queueName,
    jobId: 'job-1',
    eventId,
    body: { connectionId: 'c1' },
    ...(retryCount === 0 ? {} : { retryContext: { retryCount, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: undefined } }),
  } as AsyncEvent;
}

describe.each([
  ['provisioningConsumer', provisioningConsumer, handleProvisioningJob, 'provisioning-jobs'],
  ['pullSyncConsumer', pullSyncConsumer, handlePullPage, 'pull-sync-pages'],
] as const)('%s', (_name, consumer, handle, queueName) => {
  it('hands each message to its use case with the Forge platform', async () => {
    (handle as jest.Mock).mockResolvedValue(undefined);
    expect(await consumer(event(queueName))).toBeUndefined();
    expect(handle).toHaveBeenCalledWith(platform, { queueName, eventId: 'event-1', body: { connectionId: 'c1' }, retryCount: 0 });
  });

  it('asks Forge for a retry when the use case asks for one', async () => {
    (handle as jest.Mock).mockResolvedValue({ retryAfterSeconds: 30 });
    expect(await consumer(event(queueName))).toMatchObject({ retryOptions: { retryAfter: 30 } });
  });

  it('records a message it gives up on as a failed activity entry of its connection', async () => {
    (handle as jest.Mock).mockRejectedValue(new Error('still broken'));
    expect(await consumer(event(queueName, 5))).toBeUndefined();
    const { entries } = await listActivity(platform.store, { connectionId: 'c1' });
    expect(entries).toEqual([
      expect.objectContaining({
        actor: 'system',
        subject: { kind: 'queue-message', id: 'event-1' },
        action: `deliver ${queueName}`,
        result: 'failed',
        reason: 'Gave up after 5 retries: Error: still broken',
      }),
    ]);
  });

  it('does not rely on Forge redelivering: a failure no redelivery cleared within an hour reaches the activity log, one that recovered does not', async () => {
    (handle as jest.Mock).mockRejectedValue(new Error('Atlassian is down'));
    expect(await consumer(event(queueName, 0, 'lost'))).toMatchObject({ retryOptions: { retryAfter: 2 } });
    expect(await consumer(event(queueName, 0, 'recovers'))).toMatchObject({ retryOptions: { retryAfter: 2 } });
    (handle as jest.Mock).mockResolvedValue(undefined);
    expect(await consumer(event(queueName, 1, 'recovers'))).toBeUndefined();

    await clock.advance(STALLED_AFTER_MS - 1000);
    expect(await reportStalledDeliveries(platform)).toBe(0);
    await clock.advance(1000);
    expect(await reportStalledDeliveries(platform)).toBe(1);
    expect(await reportStalledDeliveries(platform)).toBe(0);
    const { entries } = await listActivity(platform.store, { connectionId: 'c1' });
    expect(entries).toEqual([
      expect.objectContaining({
        subject: { kind: 'queue-message', id: 'lost' },
        result: 'failed',
        reason: 'Failed 1 time and was not delivered again within an hour: Error: Atlassian is down',
      }),
    ]);
  });
});
