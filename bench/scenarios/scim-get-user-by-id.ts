import { seedDirectory, seededGroupId, seededUserId, seededUsers, type SeedGroup } from '../../test/kit/seed-directory';
import type { Scenario } from '../scenario';
import { scimClient } from '../scim-client';

const USERS = 10_000;
const GROUPS = 50;

/** GET /Users/{id} of users who are in two groups each (their groups' names are read too). */
export const scimGetUserById: Scenario = {
  name: 'scim.get-user-by-id',
  ops: 2000,
  async setup({ platform }) {
    const scim = await scimClient(platform);
    await seedDirectory(platform.store, scim.connectionId, { users: seededUsers(USERS), groups: groups(), at: new Date().toISOString() });
    return {
      async run(i) {
        const id = seededUserId((i * 7919) % USERS);
        const response = await scim.send('GET', `/Users/${id}`);
        if (!response.body?.includes(`"id":"${id}"`)) throw new Error(`expected user ${id}: ${response.body}`);
      },
    };
  },
};

/** Group g has the users whose number modulo GROUPS is g or g - 1. */
function* groups(): Generator<SeedGroup> {
  for (let g = 0; g < GROUPS; g++) {
    const displayName = `Team ${g}`;
    yield { id: seededGroupId(g), displayName, attributes: { displayName }, members: memberIds(g) };
  }
}

function* memberIds(g: number): Generator<string> {
  for (let n = 0; n < USERS; n++) if (n % GROUPS === g || (n + 1) % GROUPS === g) yield seededUserId(n);
}
