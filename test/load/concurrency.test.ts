import { CountingStore } from '../../src/platform/counting-store';
import type { Store } from '../../src/platform/ports';
import { GROUP_SCHEMA, oktaUser, patchOps, ScimTestClient, type ScimReply } from '../kit/scim-client';
import { createTestPlatform } from '../kit/test-platform';
import { withLatency } from '../kit/store-wrappers';

// A small `npm run load`: an Entra-style burst of parallel single-member PATCHes to one group, on a store whose
// every call takes a few milliseconds so that the requests interleave between their reads and their writes.
// The control runs a naive read-modify-write on the same store, to prove that this setup does lose updates
// when the code is not safe.

const BURST = 30;
const MAX_ATTEMPTS = 10;

/** Retries 503 (busy) as IdPs do; answers the last reply. */
async function withRetries(send: () => Promise<ScimReply>): Promise<ScimReply> {
  let reply = await send();
  for (let attempt = 1; attempt < MAX_ATTEMPTS && reply.status === 503; attempt++) reply = await send();
  return reply;
}

describe('concurrent writes under store latency', () => {
  it(`keeps all ${BURST} parallel member adds to one group`, async () => {
    const platform = createTestPlatform();
    platform.store = new CountingStore(withLatency(platform.store, 4));
    const scim = await ScimTestClient.create(platform);
    const users = await Promise.all(Array.from({ length: BURST }, async (_, i) => (await scim.post('/Users', oktaUser(`burst${i}@example.com`))).body.id as string));
    const group = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Burst' })).body.id as string;

    const replies = await Promise.all(users.map((value) => withRetries(() => scim.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: [{ value }] })))));
    const accepted = users.filter((_, i) => replies[i]!.status < 300);
    const members: string[] = ((await scim.get(`/Groups/${group}`)).body.members ?? []).map((m: { value: string }) => m.value);

    expect(accepted).toHaveLength(BURST);
    expect(accepted.filter((id) => !members.includes(id))).toEqual([]);
    expect(members).toHaveLength(new Set(members).size);
  });

  it('control: a group record holding a member array, written without a version check, loses updates', async () => {
    const store: Store = withLatency(createTestPlatform().store, 4, () => 0.5);
    await store.set('group', { members: [] });
    const add = async (member: string) => {
      const current = (await store.get<{ members: string[] }>('group'))!.value;
      await store.set('group', { members: [...current.members, member] });
    };
    await Promise.all(Array.from({ length: BURST }, (_, i) => add(`u${i}`)));
    const kept = (await store.get<{ members: string[] }>('group'))!.value.members.length;
    expect(BURST - kept).toBeGreaterThan(0);
  });
});
