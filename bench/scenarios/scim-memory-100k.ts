import { MAX_PAGE_SIZE } from '../../src/directory/listing';
import { seedDirectory, seededUserName, seededUsers } from '../../test/kit/seed-directory';
import type { Scenario } from '../scenario';
import { scimClient } from '../scim-client';

const USERS = 100_000;
const PAGES = USERS / MAX_PAGE_SIZE;
/** Every this many ops, a filter no index answers: it reads 1,000 users before it is refused. */
const SCAN_EVERY = 200;

/**
 * Peak memory over 100,000 users: one op pages forward (count=100, the whole directory over the run), the
 * next finds a user by userName, and now and then a filter that would scan is refused with 400 tooMany.
 */
export const scimMemory100k: Scenario = {
  name: 'scim.memory-100k',
  ops: 2 * PAGES,
  optInEnv: 'BENCH_SCALE',
  storeOnDisk: true,
  async setup({ platform }) {
    const scim = await scimClient(platform);
    await seedDirectory(platform.store, scim.connectionId, { users: seededUsers(USERS), at: new Date().toISOString() });
    return {
      async run(i) {
        if (i % SCAN_EVERY === SCAN_EVERY - 1) {
          await scim.send('GET', `/Users?filter=${encodeURIComponent('active eq false')}`, undefined, 400);
        } else if (i % 2 === 0) {
          await scim.send('GET', `/Users?startIndex=${(i / 2) * MAX_PAGE_SIZE + 1}&count=${MAX_PAGE_SIZE}`);
        } else {
          await scim.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${seededUserName((i * 7919) % USERS)}"`)}`);
        }
      },
    };
  },
};
