import { createForgePlatform } from '../platform/forge/forge-platform';
import { acquireLease } from '../platform/lease';
import { createTestPlatform, type TestPlatform } from '../../test/kit/test-platform';
import { scheduledSweep } from './scheduled-sweep';

jest.mock('../platform/forge/forge-platform', () => ({ createForgePlatform: jest.fn() }));

let platform: TestPlatform;
beforeEach(() => {
  platform = createTestPlatform();
  (createForgePlatform as jest.Mock).mockReturnValue(platform);
});

describe('scheduledSweep', () => {
  it('runs the sweep under the sweep lease, gives it back, and answers with a status code', async () => {
    expect(await scheduledSweep()).toEqual({ statusCode: 204 });
    expect(platform.log.events()).toEqual(['sweep.ran']);
    expect(await platform.store.get('lease:sweep')).toBeUndefined();
  });

  it('skips a duplicated run while another holds the lease', async () => {
    await acquireLease(platform.store, platform.clock, 'sweep', 'other-run', 60_000);
    expect(await scheduledSweep()).toEqual({ statusCode: 204 });
    expect(platform.log.events()).toEqual(['sweep.skipped']);
  });
});
