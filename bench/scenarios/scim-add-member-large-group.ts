import { patchOps } from '../../test/kit/scim-client';
import { seedDirectory, seededGroupId, seededUserId, seededUserIds, seededUsers } from '../../test/kit/seed-directory';
import { envCount } from '../env';
import type { Scenario } from '../scenario';
import { scimClient } from '../scim-client';

const OPS = 1000;
const GROUP_ID = seededGroupId(0);

/** PATCH Add of one member to a group that already has BENCH_GROUP_MEMBERS (default 20,000) members. */
export const scimAddMemberLargeGroup: Scenario = {
  name: 'scim.add-member-large-group',
  ops: OPS,
  budget: 3,
  async setup({ platform }) {
    const members = envCount('BENCH_GROUP_MEMBERS', 20_000);
    const scim = await scimClient(platform);
    await seedDirectory(platform.store, scim.connectionId, {
      users: seededUsers(members + OPS),
      groups: [{ id: GROUP_ID, displayName: 'Everyone', attributes: { displayName: 'Everyone' }, members: seededUserIds(members) }],
      at: new Date().toISOString(),
    });
    return {
      async run(i) {
        await scim.send('PATCH', `/Groups/${GROUP_ID}`, patchOps({ op: 'Add', path: 'members', value: [{ value: seededUserId(members + i) }] }));
      },
    };
  },
};
