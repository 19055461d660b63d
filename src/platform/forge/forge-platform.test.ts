import { getAppContext, webTrigger } from '@forge/api';
import { createForgePlatform, forgeTriggerUrl } from './forge-platform';

jest.mock('@forge/api', () => ({
  ...jest.requireActual('@forge/api'),
  getAppContext: jest.fn(),
  webTrigger: { getUrl: jest.fn() },
}));

const getUrl = webTrigger.getUrl as jest.Mock;
const appContext = getAppContext as jest.Mock;
let site = '';

/** An installation of app-1 on a site, in an environment (getAppContext() answers ARI objects). */
function runningIn(siteName: string, environmentId = 'env-1') {
  site = siteName;
  appContext.mockReturnValue({
    environmentAri: { toString: () => `ari:cloud:ecosystem::environment/app-1/${environmentId}` },
    installationAri: { toString: () => `ari:cloud:ecosystem::installation/${siteName}-${environmentId}` },
  });
}

beforeEach(() => {
  getUrl.mockReset();
  appContext.mockReset();
});

describe('forgeTriggerUrl', () => {
  it('asks Forge once per site and environment and drops the trailing slash', async () => {
    getUrl.mockImplementation(async () => `https://x.example/public/${site}/`);
    runningIn('site-a');
    expect(await forgeTriggerUrl()).toBe('https://x.example/public/site-a');
    expect(await forgeTriggerUrl()).toBe('https://x.example/public/site-a');
    expect(getUrl).toHaveBeenCalledTimes(1);
    expect(getUrl).toHaveBeenCalledWith('scim-endpoint');

    runningIn('site-b');
    expect(await forgeTriggerUrl()).toBe('https://x.example/public/site-b');
    runningIn('site-a', 'env-2');
    await forgeTriggerUrl();
    expect(getUrl).toHaveBeenCalledTimes(3);
  });

  it('forgets a failed lookup, so the next invocation asks again', async () => {
    runningIn('site-failing');
    getUrl.mockRejectedValueOnce(new Error('graphql down')).mockResolvedValueOnce('https://x.example/public/t1');
    await expect(forgeTriggerUrl()).rejects.toThrow('graphql down');
    expect(await forgeTriggerUrl()).toBe('https://x.example/public/t1');
  });
});

describe('createForgePlatform', () => {
  it('provides every port', () => {
    const platform = createForgePlatform();
    expect(Object.keys(platform).sort()).toEqual(['asApp', 'clock', 'http', 'log', 'queue', 'random', 'secrets', 'store']);
    expect(typeof platform.store.transact).toBe('function');
    expect(typeof platform.queue.push).toBe('function');
  });

  it('gives every invocation of an instance the same clock, which per-instance caches (IDCS tokens) are keyed by', () => {
    expect(createForgePlatform().clock).toBe(createForgePlatform().clock);
  });
});
