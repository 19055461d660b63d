import { createTestPlatform, type TestPlatform } from '../../test/kit/test-platform';
import { listPendingChanges } from '../records/change-records';
import { directoryContext, DirectoryError, type DirectoryContext } from './directory-context';
import { changeGroup, createGroup, deleteGroup, getGroup, getGroupByName } from './groups';
import { listPage } from './listing';
import { allMemberIds, listUserGroups } from './memberships';
import { userRecordSchema } from './model';
import { createUser, deleteUser, findUserIdsByEmail, findUserIdsByExternalId, getUser, getUserByUserName, updateUser, type UserInput } from './users';

const userInput = (userName: string, extra: Partial<UserInput> = {}): UserInput => ({
  userName,
  active: true,
  emails: [`${userName}@example.com`],
  attributes: { userName, displayName: userName },
  ...extra,
});

describe('directory', () => {
  let platform: TestPlatform;
  let ctx: DirectoryContext;

  beforeEach(() => {
    platform = createTestPlatform();
    ctx = directoryContext(platform, 'conna', 'scim');
  });

  it('creates a user, finds it by id, userName (any case), email and externalId', async () => {
    const user = await createUser(ctx, userInput('Alice', { externalId: 'okta-1', emails: ['Alice@Example.com'] }));
    expect(await getUser(ctx, user.id)).toEqual(user);
    expect((await getUserByUserName(ctx, 'aLiCe'))?.id).toBe(user.id);
    expect(await findUserIdsByEmail(ctx, 'alice@EXAMPLE.com')).toEqual([user.id]);
    expect(await findUserIdsByExternalId(ctx, 'okta-1')).toEqual([user.id]);
    expect(await findUserIdsByExternalId(ctx, 'OKTA-1')).toEqual([]);
  });

  it('refuses a second user with the same userName in another case, and keeps the first', async () => {
    const first = await createUser(ctx, userInput('bob'));
    await expect(createUser(ctx, userInput('BOB'))).rejects.toMatchObject({ kind: 'conflict' });
    expect((await getUserByUserName(ctx, 'bob'))?.id).toBe(first.id);
    expect((await listPage(ctx, 'user', 'id', 1, 10, (v) => userRecordSchema.parse(v))).total).toBe(1);
  });

  it('keeps one user per userName when many create it at once', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createUser(ctx, userInput('carol'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listPage(ctx, 'user', 'id', 1, 10, (v) => v)).total).toBe(1);
  });

  it('renames a user: the old userName is free again and the new one finds it', async () => {
    const user = await createUser(ctx, userInput('dave'));
    await updateUser(ctx, user.id, (current) => ({ ...current, userName: 'david' }));
    expect(await getUserByUserName(ctx, 'dave')).toBeUndefined();
    expect((await getUserByUserName(ctx, 'david'))?.version).toBe(2);
    await createUser(ctx, userInput('dave'));
  });

  it('refuses a rename onto a taken userName', async () => {
    await createUser(ctx, userInput('erin'));
    const frank = await createUser(ctx, userInput('frank'));
    await expect(updateUser(ctx, frank.id, (c) => ({ ...c, userName: 'ERIN' }))).rejects.toMatchObject({ kind: 'conflict' });
    expect((await getUser(ctx, frank.id))?.userName).toBe('frank');
  });

  it('refuses an update whose If-Match version is stale', async () => {
    const user = await createUser(ctx, userInput('gina'));
    await updateUser(ctx, user.id, (c) => ({ ...c, active: false }));
    await expect(updateUser(ctx, user.id, (c) => ({ ...c, active: true }), { ifVersion: 1 })).rejects.toMatchObject({ kind: 'versionMismatch' });
  });

  it('writes one change record per subject, coalescing repeated changes', async () => {
    const user = await createUser(ctx, userInput('hank'));
    await updateUser(ctx, user.id, (c) => ({ ...c, active: false }));
    const pending = await listPendingChanges(platform.store, 'conna');
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0].value).toMatchObject({ kind: 'user', subjectId: user.id, changed: ['active'], source: 'scim' });
  });

  it('adds members concurrently without losing any (parallel Entra PATCHes)', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, (_, i) => createUser(ctx, userInput(`member${i}`))));
    const group = await createGroup(ctx, { displayName: 'Engineering', attributes: { displayName: 'Engineering' } }, []);
    await Promise.all(users.map((user) => changeGroup(ctx, group.id, { addMembers: [{ userId: user.id }] })));
    expect(await allMemberIds(ctx, group.id)).toEqual(new Set(users.map((u) => u.id)));
    expect((await getGroup(ctx, group.id))?.version).toBe(13);
  });

  it('replaces a member list, and a user delete removes the user from its groups', async () => {
    const [a, b, c] = await Promise.all(['a1', 'b1', 'c1'].map((n) => createUser(ctx, userInput(n))));
    const group = await createGroup(ctx, { displayName: 'Ops', attributes: {} }, [{ userId: a.id }, { userId: b.id }]);
    await changeGroup(ctx, group.id, { replaceMembers: [{ userId: b.id }, { userId: c.id }] });
    expect(await allMemberIds(ctx, group.id)).toEqual(new Set([b.id, c.id]));
    await deleteUser(ctx, b.id);
    expect(await allMemberIds(ctx, group.id)).toEqual(new Set([c.id]));
    expect((await listUserGroups(ctx, b.id)).members).toEqual([]);
  });

  it('refuses a member that is not a user of this connection, and adds nothing', async () => {
    const a = await createUser(ctx, userInput('solo'));
    const group = await createGroup(ctx, { displayName: 'G', attributes: {} }, []);
    await expect(changeGroup(ctx, group.id, { addMembers: [{ userId: a.id }, { userId: 'nobody' }] })).rejects.toBeInstanceOf(DirectoryError);
    expect(await allMemberIds(ctx, group.id)).toEqual(new Set());
  });

  it('adds and removes members of a large group in several transactions', async () => {
    const users = await Promise.all(Array.from({ length: 40 }, (_, i) => createUser(ctx, userInput(`big${i}`))));
    const group = await createGroup(
      ctx,
      { displayName: 'Big', attributes: {} },
      users.map((u) => ({ userId: u.id })),
    );
    expect((await allMemberIds(ctx, group.id)).size).toBe(40);
    await changeGroup(ctx, group.id, { removeMembers: users.slice(0, 25).map((u) => u.id) });
    expect((await allMemberIds(ctx, group.id)).size).toBe(15);
  });

  it('renames and deletes groups, freeing the name', async () => {
    const group = await createGroup(ctx, { displayName: 'Sales', attributes: {} }, []);
    await changeGroup(ctx, group.id, { group: (c) => ({ displayName: 'Sales EMEA', attributes: c.attributes }) });
    expect((await getGroupByName(ctx, 'sales emea'))?.id).toBe(group.id);
    expect(await getGroupByName(ctx, 'Sales')).toBeUndefined();
    await deleteGroup(ctx, group.id);
    expect(await getGroup(ctx, group.id)).toBeUndefined();
    await createGroup(ctx, { displayName: 'Sales EMEA', attributes: {} }, []);
  });

  it('pages users with a correct total, by id and by name, without gaps or repeats', async () => {
    const names = Array.from({ length: 230 }, (_, i) => `user${String(i).padStart(3, '0')}`);
    for (const name of names) await createUser(ctx, userInput(name));
    const seen: string[] = [];
    for (let start = 1; start <= 230; start += 100) {
      const page = await listPage(ctx, 'user', 'name', start, 100, (v) => userRecordSchema.parse(v));
      expect(page.total).toBe(230);
      seen.push(...page.items.map((u) => u.userName));
    }
    expect(seen).toEqual(names);
    const jumped = await listPage(ctx, 'user', 'name', 151, 5, (v) => userRecordSchema.parse(v));
    expect(jumped.items.map((u) => u.userName)).toEqual(names.slice(150, 155));
    expect((await listPage(ctx, 'user', 'id', 231, 10, (v) => v)).items).toEqual([]);
  });

  it('pays one query per page when paging forward, on later pages as on the first', async () => {
    for (let i = 0; i < 350; i++) await createUser(ctx, userInput(`p${i}`));
    await listPage(ctx, 'user', 'id', 1, 100, (v) => v);
    const costs: number[] = [];
    for (const start of [101, 201, 301]) {
      platform.store.reset();
      await listPage(ctx, 'user', 'id', start, 100, (v) => v);
      costs.push(platform.store.snapshot().byMethod.query.calls);
    }
    expect(costs).toEqual([1, 1, 1]);
  });
});
