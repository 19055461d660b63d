import type { AsyncEvent } from '@forge/events';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { handleProvisioningJob } from '../provisioning/worker-handler';
import { listActivity } from '../records/activity-log';
import { handlePullPage } from '../sync/pull-page-handler';
import { createTestPlatform, type TestPlatform } from '../../test/kit/test-platform';
import { pullSyncConsumer } from './pull-sync-consumer';
import { provisioningConsumer } from './provisioning-consumer';

jest.mock('../platform/forge/forge-platform', () => ({ createForgePlatform: jest.fn() }));
jest.mock('../provisioning/worker-handler', () => ({ handleProvisioningJob: jest.fn() }));
jest.mock('../sync/pull-page-handler', () => ({ handlePullPage: jest.fn() }));

let platform: TestPlatform;
beforeEach(() => {
  platform = createTestPlatform();
  (createForgePlatform as jest.Mock).mockReturnValue(platform);
  (handleProvisioningJob as jest.Mock).mockReset();
  (handlePullPage as jest.Mock).mockReset();
});

function event(queueName: string, retryCount = 0): AsyncEvent {
  return {
    queueName,
    jobId: 'job-1',
    eventId: 'event-1',
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
});
