import { inParallel, type Answer, type LoadClient } from './load-client';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ModelUser {
  userName: string;
  displayName: string;
  title?: string;
  active: boolean;
  deleted: boolean;
}

/** One write of the workload and its final answer (after the client's retries of 429 and 503). */
export interface WriteOutcome {
  /** Method and path template, e.g. "PATCH /Groups/{id} (add member)". */
  request: string;
  status: number;
  retried: number[];
}

/** What the directory must hold: only requests answered 2xx change it. */
export interface Model {
  users: Map<string, ModelUser>;
  groups: Map<string, { displayName: string; members: Set<string> }>;
  /** Filtered reads that did not find exactly the one user they asked for. */
  readMismatches: number;
  /**
   * Every write sent. Each is valid and meant to succeed (unique names, existing ids, commuting changes), so a
   * final answer other than 2xx is a refusal the run must report, not a change to leave out of the model quietly.
   */
  writes: WriteOutcome[];
}

export interface WorkloadSize {
  users: number;
  groups: number;
  concurrency: number;
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const userBody = (userName: string, displayName: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  displayName,
  name: { givenName: 'Load', familyName: 'Test' },
  emails: [{ primary: true, type: 'work', value: userName }],
  active: true,
});

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export const ok = (answer: { status: number }) => answer.status >= 200 && answer.status < 300;

/**
 * Creates users and groups, then runs rounds of concurrent writes chosen so that the writes of one round commute
 * (their combined effect does not depend on their order), which keeps the model exact: Entra-style bursts of
 * single-member PATCHes to one group, member removals, PUTs, user PATCHes of two attributes of the same user at
 * once, deletes and filtered reads.
 */
export async function runWorkload(client: LoadClient, size: WorkloadSize): Promise<Model> {
  const model: Model = { users: new Map(), groups: new Map(), readMismatches: 0, writes: [] };
  const run = (tasks: (() => Promise<unknown>)[]) => inParallel(shuffle(tasks), size.concurrency);
  const write = async (request: string, method: string, path: string, body?: unknown): Promise<Answer> => {
    const answer = await client.send(method, path, body);
    model.writes.push({ request, status: answer.status, retried: answer.retried });
    return answer;
  };
  const tag = Math.random().toString(36).slice(2, 8);

  const userIds: string[] = [];
  await run(
    Array.from({ length: size.users }, (_, i) => async () => {
      const userName = `load-${tag}-u${i}@example.com`;
      const answer = await write('POST /Users', 'POST', '/Users', userBody(userName, `User ${i}`));
      if (!ok(answer)) return;
      userIds[i] = answer.body.id;
      model.users.set(answer.body.id, { userName, displayName: `User ${i}`, active: true, deleted: false });
    }),
  );
  const ids = (from: number, to: number) => userIds.slice(from, to).filter((id): id is string => id !== undefined);
  const band = Math.floor(size.users / 10);
  // Users by band: 0-3 burst members, 4 deactivated, 5 patched twice at once, 6 PUT, 7 deleted, 8-9 initial members.
  const groupIds: string[] = [];
  await run(
    Array.from({ length: size.groups }, (_, g) => async () => {
      const initial = g % 2 === 0 ? ids(8 * band, 10 * band).slice(0, 30) : [];
      const displayName = `load-${tag}-g${g}`;
      const answer = await write('POST /Groups', 'POST', '/Groups', { displayName, members: initial.map((value) => ({ value })) });
      if (!ok(answer)) return;
      groupIds[g] = answer.body.id;
      model.groups.set(answer.body.id, { displayName, members: new Set(initial) });
    }),
  );

  const addMember = (groupId: string, userId: string) => async () => {
    const answer = await write(
      'PATCH /Groups/{id} (add member)',
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'add', path: 'members', value: [{ value: userId }] }),
    );
    if (ok(answer)) model.groups.get(groupId)!.members.add(userId);
  };
  const removeMember = (groupId: string, userId: string) => async () => {
    const answer = await write(
      'PATCH /Groups/{id} (remove member)',
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'remove', path: `members[value eq "${userId}"]` }),
    );
    if (ok(answer)) model.groups.get(groupId)!.members.delete(userId);
  };
  const live = groupIds.filter((id): id is string => id !== undefined);
  const tasks: (() => Promise<unknown>)[] = [];
  live.forEach((groupId, g) => {
    const burst = ids(0, 4 * band).filter((_, i) => i % live.length === g);
    for (const userId of burst) tasks.push(addMember(groupId, userId));
    for (const userId of burst.slice(0, 5)) tasks.push(addMember(groupId, userId));
    for (const userId of [...model.groups.get(groupId)!.members].slice(0, 15)) tasks.push(removeMember(groupId, userId));
  });
  for (const userId of ids(4 * band, 5 * band)) {
    tasks.push(async () => {
      const answer = await write('PATCH /Users/{id} (active)', 'PATCH', `/Users/${userId}`, patch({ op: 'replace', path: 'active', value: false }));
      if (ok(answer)) model.users.get(userId)!.active = false;
    });
  }
  for (const userId of ids(5 * band, 6 * band)) {
    tasks.push(async () => {
      const answer = await write(
        'PATCH /Users/{id} (title)',
        'PATCH',
        `/Users/${userId}`,
        patch({ op: 'replace', path: 'title', value: `Title ${userId}` }),
      );
      if (ok(answer)) model.users.get(userId)!.title = `Title ${userId}`;
    });
    tasks.push(async () => {
      const answer = await write(
        'PATCH /Users/{id} (displayName)',
        'PATCH',
        `/Users/${userId}`,
        patch({ op: 'replace', path: 'displayName', value: `Patched ${userId}` }),
      );
      if (ok(answer)) model.users.get(userId)!.displayName = `Patched ${userId}`;
    });
  }
  for (const userId of ids(6 * band, 7 * band)) {
    tasks.push(async () => {
      const user = model.users.get(userId)!;
      const answer = await write('PUT /Users/{id}', 'PUT', `/Users/${userId}`, userBody(user.userName, `Put ${userId}`));
      if (ok(answer)) user.displayName = `Put ${userId}`;
    });
  }
  for (const userId of ids(7 * band, 8 * band)) {
    tasks.push(async () => {
      const answer = await write('DELETE /Users/{id}', 'DELETE', `/Users/${userId}`);
      if (ok(answer)) model.users.get(userId)!.deleted = true;
    });
  }
  for (const userId of [...ids(0, 7 * band), ...ids(8 * band, 10 * band)].filter((_, i) => i % 2 === 0)) {
    tasks.push(async () => {
      const filter = encodeURIComponent(`userName eq "${model.users.get(userId)!.userName}"`);
      const answer = await client.send('GET', `/Users?filter=${filter}`);
      if (!ok(answer) || answer.body.totalResults !== 1 || answer.body.Resources[0]?.id !== userId) model.readMismatches += 1;
    });
  }
  await run(tasks);

  // A second round of bursts on the same groups: every group gains members already in others and loses some.
  const second: (() => Promise<unknown>)[] = [];
  live.forEach((groupId, g) => {
    const burst = ids(0, 4 * band).filter((_, i) => i % live.length === (g + 1) % live.length);
    const current = [...model.groups.get(groupId)!.members].filter((id) => !burst.includes(id));
    for (const userId of burst) second.push(addMember(groupId, userId));
    for (const userId of current.slice(0, 10)) second.push(removeMember(groupId, userId));
  });
  await run(second);
  return model;
}
