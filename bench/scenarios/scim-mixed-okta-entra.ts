import { patchOps } from '../../test/kit/scim-client';
import { seedDirectory, seededGroupId, seededUserId, seededUserIds, seededUserName, seededUsers } from '../../test/kit/seed-directory';
import type { Scenario } from '../scenario';
import { scimClient, scimUser, type ScimClient } from '../scim-client';

const USERS = 5000;
const GROUPS = 20;
const GROUP_SIZE = 200;
/** Users past GROUPS * GROUP_SIZE are in no group: Entra's bursts add them. */
const UNGROUPED = USERS - GROUPS * GROUP_SIZE;

const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

/** One round of what Okta and Entra send to a connection in steady state; a step is one request. */
function oktaEntraSteps(scim: ScimClient): ((r: number) => Promise<unknown>)[] {
  let created = '';
  const oktaName = (r: number) => `okta${r}@bench.example`;
  const groupOf = (r: number) => seededGroupId(r % GROUPS);
  const newcomer = (r: number, k: number) => seededUserId(GROUPS * GROUP_SIZE + ((r * 3 + k) % UNGROUPED));
  return [
    // Okta: look up, create, replace, and deactivate with its pathless replace.
    (r) => scim.send('GET', `/Users?${filter(`userName eq "${oktaName(r)}"`)}`),
    async (r) => {
      const response = await scim.send('POST', '/Users', { ...scimUser(r), userName: oktaName(r) });
      created = (JSON.parse(response.body ?? '{}') as { id: string }).id;
    },
    (r) => scim.send('PUT', `/Users/${created}`, { ...scimUser(r), userName: oktaName(r), title: 'Engineer' }),
    () => scim.send('PATCH', `/Users/${created}`, patchOps({ op: 'replace', value: { active: false } })),
    // Entra: probe by userName, PATCH with capitalised ops, member bursts, lists without members.
    (r) => scim.send('GET', `/Users?${filter(`userName eq "${seededUserName((r * 7919) % USERS)}"`)}`),
    (r) =>
      scim.send(
        'PATCH',
        `/Users/${seededUserId((r * 7919) % USERS)}`,
        patchOps({ op: 'Replace', path: 'displayName', value: `Seed User ${r}` }, { op: 'Add', path: 'title', value: 'Analyst' }),
      ),
    (r) => scim.send('PATCH', `/Groups/${groupOf(r)}`, patchOps({ op: 'Add', path: 'members', value: [{ value: newcomer(r, 0) }] })),
    (r) => scim.send('PATCH', `/Groups/${groupOf(r)}`, patchOps({ op: 'Add', path: 'members', value: [{ value: newcomer(r, 1) }] })),
    (r) => scim.send('PATCH', `/Groups/${groupOf(r)}`, patchOps({ op: 'Add', path: 'members', value: [{ value: newcomer(r, 2) }] })),
    (r) => scim.send('PATCH', `/Groups/${groupOf(r)}`, patchOps({ op: 'Remove', path: `members[value eq "${newcomer(r, 0)}"]` })),
    () => scim.send('GET', '/Groups?excludedAttributes=members&count=100'),
    (r) => scim.send('GET', `/Groups?${filter(`displayName eq "Group ${r % GROUPS}"`)}&excludedAttributes=members`),
  ];
}

/** A realistic mix of Okta and Entra requests (one op is one request), over 5,000 users in 20 groups. */
export const scimMixedOktaEntra: Scenario = {
  name: 'scim.mixed-okta-entra',
  ops: 2400,
  async setup({ platform }) {
    const scim = await scimClient(platform);
    await seedDirectory(platform.store, scim.connectionId, {
      users: seededUsers(USERS),
      groups: Array.from({ length: GROUPS }, (_, g) => ({
        id: seededGroupId(g),
        displayName: `Group ${g}`,
        attributes: { displayName: `Group ${g}` },
        members: seededUserIds(GROUP_SIZE, g * GROUP_SIZE),
      })),
      at: new Date().toISOString(),
    });
    const steps = oktaEntraSteps(scim);
    return {
      async run(i) {
        await steps[i % steps.length](Math.floor(i / steps.length));
      },
    };
  },
};
