import { MAX_PAGE_SIZE } from '../../src/directory/listing';
import { seedDirectory, seededUsers } from '../../test/kit/seed-directory';
import { envCount } from '../env';
import type { Scenario } from '../scenario';
import { scimClient } from '../scim-client';

/**
 * GET /Users?startIndex=..&count=100 on the later half of a directory of BENCH_USERS (default 20,000) users:
 * setup pages forward through the first half, as an IdP's import does, and the timed ops page on from there
 * to the end (then round again from the middle).
 */
export const scimListPage: Scenario = {
  name: 'scim.list-page-100',
  ops: 1000,
  budget: 3,
  async setup({ platform }) {
    const users = envCount('BENCH_USERS', 20_000);
    const scim = await scimClient(platform);
    await seedDirectory(platform.store, scim.connectionId, { users: seededUsers(users), at: new Date().toISOString() });
    const pages = Math.ceil(users / MAX_PAGE_SIZE);
    const firstTimed = Math.floor(pages / 2);
    const page = (p: number) => scim.send('GET', `/Users?startIndex=${p * MAX_PAGE_SIZE + 1}&count=${MAX_PAGE_SIZE}`);
    for (let p = 0; p < firstTimed; p++) await page(p);
    return {
      async run(i) {
        const response = await page(firstTimed + (i % (pages - firstTimed)));
        if (!response.body?.includes(`"totalResults":${users},`)) throw new Error(`expected ${users} users: ${response.body?.slice(0, 200)}`);
      },
    };
  },
};
