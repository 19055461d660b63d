import type { Scenario } from '../scenario';
import { scimClient, scimUser } from '../scim-client';

const DIRECTORY_SIZE = 1000;

/** GET /Users?filter=userName eq "...": the lookup every IdP makes before it creates a user. */
export const scimFindUser: Scenario = {
  name: 'scim.find-user-by-userName',
  ops: 1000,
  budget: 2,
  async setup({ platform }) {
    const scim = await scimClient(platform);
    for (let n = 0; n < DIRECTORY_SIZE; n++) await scim.send('POST', '/Users', scimUser(n));
    return {
      async run(i) {
        const filter = encodeURIComponent(`userName eq "user${(i * 7919) % DIRECTORY_SIZE}@bench.example"`);
        const response = await scim.send('GET', `/Users?filter=${filter}`);
        if (!response.body?.includes('"totalResults":1')) throw new Error(`expected one match: ${response.body}`);
      },
    };
  },
};
