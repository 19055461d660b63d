import { getAppContext, webTrigger } from '@forge/api';
import { createConsoleLogger } from '../console-logger';
import { cryptoRandom } from '../crypto-random';
import type { Platform } from '../ports';
import { systemClock } from '../system-clock';
import { asAppTransport } from './as-app-transport';
import { createEventsQueue } from './events-queue';
import { createForgeFetchTransport } from './fetch-transport';
import { createKvsSecrets } from './kvs-secrets';
import { createKvsStore } from './kvs-store';

/** Every port on its Forge implementation; cheap, so entry adapters build one per invocation. */
export function createForgePlatform(): Platform {
  return {
    store: createKvsStore(),
    secrets: createKvsSecrets(),
    queue: createEventsQueue(),
    http: createForgeFetchTransport(),
    clock: systemClock,
    log: createConsoleLogger(),
    random: cryptoRandom,
    asApp: asAppTransport,
  };
}

const triggerUrls = new Map<string, Promise<string>>();

/**
 * The web trigger's URL without a trailing slash. A warm function container may serve several
 * installations, so the URL is memoised per installation (which fixes the app, environment and context that
 * getUrl asks with), read through Forge's public getAppContext(). A failed lookup is forgotten, so the next
 * call asks again.
 */
export function forgeTriggerUrl(moduleKey = 'scim-endpoint'): Promise<string> {
  const { environmentAri, installationAri } = getAppContext();
  const cacheKey = [String(environmentAri), String(installationAri), moduleKey].join('|');
  let url = triggerUrls.get(cacheKey);
  if (!url) {
    url = webTrigger.getUrl(moduleKey).then((value) => value.replace(/\/+$/, ''));
    url.catch(() => triggerUrls.delete(cacheKey));
    triggerUrls.set(cacheKey, url);
  }
  return url;
}
