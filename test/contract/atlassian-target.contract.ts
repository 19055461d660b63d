import { CAPABILITIES, isRoutable, type CredentialKind } from '../../src/atlassian/capabilities';
import { TargetError, eachPage, type AtlassianTarget, type TargetErrorKind, type TargetOperation, type UserRef } from '../../src/atlassian/target';

export interface TargetFixture {
  /** The adapter (or composite) under test. */
  target: Partial<AtlassianTarget>;
  /** An account the target can see (and, for a directory adapter, one provisioned in its directory). */
  knownUser: UserRef & { email: string };
  /** Moves time on: a fake clock in the sandbox, a real wait on a real site. */
  advance(ms: number): Promise<void>;
  /** A fresh email to create a user with; absent where the runner must not create accounts. */
  newEmail?(): string;
  /** Fresh accounts the target can add to its groups; absent where the runner cannot make them. */
  makeUsers?(count: number): Promise<UserRef[]>;
  /** Largest member page the upstream API may answer with. */
  memberPageLimit?: number;
  /** A project and component whose leads may change, and who led them before. */
  leads?: { projectKey: string; componentId: string; restoreProjectLead: string };
  /** The same target acting with a credential that lacks the rights for group writes. */
  withoutAdminRights?: Partial<AtlassianTarget>;
  /** Makes the next call answer 429 with this Retry-After. */
  injectRateLimit?(retryAfterSeconds: number): void;
  /** For a composite: the operations its granted credentials cannot do, which it must refuse without a call. */
  refuses?: TargetOperation[];
  teardown?(): Promise<void>;
}

/** The behaviour every AtlassianTarget adapter shares, for the operations its credential supports. */
export function describeAtlassianTargetContract(
  name: string,
  supports: (operation: keyof AtlassianTarget) => boolean,
  factory: () => TargetFixture | Promise<TargetFixture>,
): void {
  describe(`AtlassianTarget contract: ${name}`, () => {
    let fixture: TargetFixture;
    let target: AtlassianTarget;
    let run = 0;

    beforeEach(async () => {
      fixture = await factory();
      target = fixture.target as AtlassianTarget;
      run += 1;
    });

    afterEach(async () => {
      await fixture.teardown?.();
    });

    const when = (ok: boolean) => (ok ? it : it.skip);
    const groupName = (label: string) => `contract-${label}-${run}-${Date.now().toString(36)}`;

    /** Polls (moving time on between tries) until the lookup finds something. */
    async function eventually<T>(lookup: () => Promise<T | undefined>, tries = 30): Promise<T | undefined> {
      for (let attempt = 0; attempt < tries; attempt++) {
        const found = await lookup();
        if (found !== undefined) return found;
        await fixture.advance(1000);
      }
      return undefined;
    }

    async function withGroup(label: string, body: (groupId: string) => Promise<void>): Promise<void> {
      const group = await target.createGroup(groupName(label));
      try {
        await body(group.groupId);
      } finally {
        await target.deleteGroup(group.groupId).catch(() => undefined);
      }
    }

    async function allMembers(groupId: string): Promise<{ ids: string[]; pageSizes: number[] }> {
      const ids: string[] = [];
      const pageSizes: number[] = [];
      for await (const members of eachPage((cursor) => target.listGroupMembers(groupId, cursor))) {
        ids.push(...members.map((m) => m.accountId));
        pageSizes.push(members.length);
      }
      return { ids, pageSizes };
    }

    describe('users', () => {
      when(supports('findUserByEmail'))('finds a known user by email, whatever its case', async () => {
        const found = await target.findUserByEmail(fixture.knownUser.email.toUpperCase());
        expect(found?.accountId).toBe(fixture.knownUser.accountId);
      });

      when(supports('findUserByEmail'))('answers undefined for an email nobody has', async () => {
        expect(await target.findUserByEmail(`nobody-${Date.now()}@example.invalid`)).toBeUndefined();
      });

      when(supports('getUser'))('reads a user by accountId and reports an unknown one as notFound', async () => {
        const user = await target.getUser(fixture.knownUser.accountId);
        expect(user).toMatchObject({ accountId: fixture.knownUser.accountId, active: true });
        await expectTargetError(target.getUser('712020:00000000-0000-4000-8000-0000deadbeef'), 'notFound');
      });

      when(supports('createUser') && supports('findUserByEmail'))(
        'creates a user who becomes findable by email (after the search index catches up)',
        async () => {
          const email = fixture.newEmail?.();
          if (!email) return;
          const created = await target.createUser({ email, displayName: 'Contract Person' });
          expect(created.accountId).toEqual(expect.any(String));
          const found = await eventually(() => target.findUserByEmail(email));
          expect(found?.accountId).toBe(created.accountId);
        },
      );

      when(supports('createUser'))('never makes a second account for the same email', async () => {
        const email = fixture.newEmail?.();
        if (!email) return;
        const first = await target.createUser({ email, displayName: 'Twice' });
        await fixture.advance(10_000); // as a retry would, later; lets search-based lookups see the account
        const second = await target.createUser({ email, displayName: 'Twice' }).catch((error: unknown) => error);
        if (second instanceof TargetError) expect(second.kind).toBe('conflict');
        else expect(second).toMatchObject({ accountId: first.accountId });
      });

      when(supports('suspendUser') && supports('restoreUser') && supports('getUser'))('suspends and restores a user', async () => {
        const [user] = (await fixture.makeUsers?.(1)) ?? [];
        if (!user) return;
        await target.suspendUser(user);
        expect((await target.getUser(user.accountId)).active).toBe(false);
        await target.restoreUser(user);
        expect((await target.getUser(user.accountId)).active).toBe(true);
      });

      when(supports('updateProfile') && supports('getUser'))('updates the display name', async () => {
        const [user] = (await fixture.makeUsers?.(1)) ?? [];
        if (!user) return;
        await target.updateProfile(user, { displayName: 'Renamed Person', title: 'Engineer' });
        expect((await target.getUser(user.accountId)).displayName).toBe('Renamed Person');
      });
    });

    describe('groups', () => {
      when(supports('createGroup') && supports('deleteGroup'))('creates, finds, refuses a duplicate, lists and deletes a group', async () => {
        const name = groupName('lifecycle');
        const created = await target.createGroup(name);
        expect(created.name).toBe(name);
        expect(await target.findGroupByName(name.toUpperCase())).toEqual(created);
        await expectTargetError(target.createGroup(name), 'conflict');
        const listed: string[] = [];
        for await (const groups of eachPage((cursor) => target.listGroups(cursor))) listed.push(...groups.map((g) => g.groupId));
        expect(listed).toContain(created.groupId);
        await target.deleteGroup(created.groupId);
        expect(await target.findGroupByName(name)).toBeUndefined();
        await expectTargetError(target.deleteGroup(created.groupId), 'notFound');
      });

      when(supports('addMember') && supports('removeMember') && supports('listGroupMembers'))('adds and removes a member, idempotently', async () => {
        await withGroup('members', async (groupId) => {
          const user = fixture.knownUser;
          await target.addMember(groupId, user);
          await target.addMember(groupId, user);
          expect((await allMembers(groupId)).ids).toEqual([user.accountId]);
          await target.removeMember(groupId, user);
          await target.removeMember(groupId, user);
          expect((await allMembers(groupId)).ids).toEqual([]);
        });
      });

      when(supports('addMember') && supports('listGroupMembers'))('pages through 120 members', async () => {
        const users = await fixture.makeUsers?.(120);
        if (!users) return;
        await withGroup('paging', async (groupId) => {
          for (const user of users) await target.addMember(groupId, user);
          const { ids, pageSizes } = await allMembers(groupId);
          expect(new Set(ids)).toEqual(new Set(users.map((u) => u.accountId)));
          expect(ids).toHaveLength(120);
          const limit = fixture.memberPageLimit;
          if (limit !== undefined) {
            expect(Math.max(...pageSizes)).toBeLessThanOrEqual(limit);
            expect(pageSizes.length).toBeGreaterThanOrEqual(Math.ceil(120 / limit));
          }
        });
      });

      when(supports('createGroup'))('refuses group writes without admin rights, saying what is missing', async () => {
        const limited = fixture.withoutAdminRights as AtlassianTarget | undefined;
        if (!limited) return;
        const error = await expectTargetError(limited.createGroup(groupName('forbidden')), 'forbidden');
        expect(error.status).toBe(403);
        expect(error.message).toMatch(/not a site admin/);
      });

      when(supports('listGroups'))('surfaces a long 429 as rateLimited with its Retry-After', async () => {
        if (!fixture.injectRateLimit) return;
        fixture.injectRateLimit(120);
        const error = await expectTargetError(target.listGroups(), 'rateLimited');
        expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120, retryable: true });
      });
    });

    describe('capability routing', () => {
      it('refuses what no granted credential can do, saying which credential to add', async () => {
        for (const operation of fixture.refuses ?? []) {
          const error = await expectTargetError(SAMPLE_CALLS[operation](target, fixture.knownUser), 'unsupported');
          expect([operation, error.message]).toEqual([operation, expect.stringMatching(/Atlassian/)]);
        }
      });
    });

    describe('project and component leads', () => {
      when(supports('setProjectLead') && supports('listProjectsLedBy'))('changes a project lead and lists it', async () => {
        const leads = fixture.leads;
        if (!leads) return;
        const lead = fixture.knownUser.accountId;
        try {
          await target.setProjectLead(leads.projectKey, lead);
          const led = await target.listProjectsLedBy(lead);
          expect(led.map((p) => p.key)).toContain(leads.projectKey);
        } finally {
          await target.setProjectLead(leads.projectKey, leads.restoreProjectLead);
        }
        expect((await target.listProjectsLedBy(lead)).map((p) => p.key)).not.toContain(leads.projectKey);
      });

      when(supports('setComponentLead') && supports('listComponentsLedBy'))('sets and clears a component lead and lists it', async () => {
        const leads = fixture.leads;
        if (!leads) return;
        const lead = fixture.knownUser.accountId;
        await target.setComponentLead(leads.componentId, lead);
        expect((await target.listComponentsLedBy(lead)).map((c) => c.componentId)).toContain(leads.componentId);
        await target.setComponentLead(leads.componentId, null);
        expect((await target.listComponentsLedBy(lead)).map((c) => c.componentId)).not.toContain(leads.componentId);
      });

      when(supports('setUserProperty'))('writes and rewrites a user property', async () => {
        const key = `contract-${run}`;
        await target.setUserProperty(fixture.knownUser.accountId, key, { department: 'R&D' });
        await target.setUserProperty(fixture.knownUser.accountId, key, { department: 'Ops' });
      });
    });
  });
}

/** One call of each operation, to check a refusal. */
const SAMPLE_CALLS: Record<TargetOperation, (target: AtlassianTarget, user: UserRef) => Promise<unknown>> = {
  findUserByEmail: (t) => t.findUserByEmail('someone@example.com'),
  getUser: (t, user) => t.getUser(user.accountId),
  createUser: (t) => t.createUser({ email: 'refused@example.com', displayName: 'Refused' }),
  updateProfile: (t, user) => t.updateProfile(user, { displayName: 'Refused' }),
  suspendUser: (t, user) => t.suspendUser(user),
  restoreUser: (t, user) => t.restoreUser(user),
  removeProductAccess: (t, user) => t.removeProductAccess(user),
  listGroups: (t) => t.listGroups(),
  findGroupByName: (t) => t.findGroupByName('refused'),
  createGroup: (t) => t.createGroup('refused'),
  deleteGroup: (t) => t.deleteGroup('refused'),
  renameGroup: (t) => t.renameGroup('refused', 'still-refused'),
  listGroupMembers: (t) => t.listGroupMembers('refused'),
  addMember: (t, user) => t.addMember('refused', user),
  removeMember: (t, user) => t.removeMember('refused', user),
  setProjectLead: (t, user) => t.setProjectLead('REFUSED', user.accountId),
  setComponentLead: (t, user) => t.setComponentLead('1', user.accountId),
  listProjectsLedBy: (t, user) => t.listProjectsLedBy(user.accountId),
  listComponentsLedBy: (t, user) => t.listComponentsLedBy(user.accountId),
  setUserProperty: (t, user) => t.setUserProperty(user.accountId, 'refused', true),
};

export const TARGET_OPERATIONS = Object.keys(SAMPLE_CALLS) as TargetOperation[];

/** The operations a credential's adapter must hold to: documented cells only, 'unverified' ones have no behaviour yet. */
export function documented(kind: CredentialKind): (operation: TargetOperation) => boolean {
  return (operation) => {
    const cell = CAPABILITIES[operation].cells[kind];
    return (cell.support === 'yes' || cell.support === 'partial') && isRoutable(cell);
  };
}

async function expectTargetError(promise: Promise<unknown>, kind: TargetErrorKind): Promise<TargetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  expect((error as TargetError).kind).toBe(kind);
  return error as TargetError;
}
