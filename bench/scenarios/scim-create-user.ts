import type { Scenario } from '../scenario';
import { scimClient, scimUser } from '../scim-client';

/** POST /Users: what one provisioned user costs in storage operations. */
export const scimCreateUser: Scenario = {
  name: 'scim.create-user',
  ops: 1000,
  budget: 2,
  async setup({ platform }) {
    const scim = await scimClient(platform);
    return {
      async run(i) {
        await scim.send('POST', '/Users', scimUser(i));
      },
    };
  },
};
