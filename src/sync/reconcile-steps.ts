// The end of a full run: scan the directory for users and groups the listings did not deliver (gone from the
// IdP, or no longer granted the app), check the share against the safety options, then remove those the IdP,
// asked by id just before, confirms it no longer lists (offset listings can skip records). Removed
// means deleted from the directory, as an IdP's SCIM DELETE does: the provisioning worker then disables the
// Atlassian account or deletes the group according to the options, and a user who comes back is created anew.
import { z } from 'zod';
import { DirectoryError, type DirectoryContext } from '../directory/directory-context';
import { deleteGroup } from '../directory/groups';
import { deleteUser } from '../directory/users';
import { MAX_QUERY_LIMIT } from '../platform/store-limits';
import { loadProvisioningOptions } from '../provisioning/options-store';
import { checkSafety } from '../provisioning/plan';
import { directoryIdOf } from './directory-mapping';
import { readIdSet, readIdSetRecord, writeIdSet } from './id-sets';
import { isItemError, type ItemFailure } from './item-failure';
import type { Position, Run } from './run-record';
import { idSetOf, moveTo, type StepDeps, type StepResult } from './step';

/** Store queries (of 100 records) per event while scanning: 10,000 records. */
const SCAN_QUERIES_PER_STEP = 100;
/** Deletions per event (deleting a user is about five store calls). */
const REMOVALS_PER_STEP = 200;

const recordId = z.looseObject({ id: z.string(), externalId: z.string().optional() });
/** Records asked about per connector call before they are removed. */
const CHECKS_PER_CALL = 100;

export async function scanUsersStep(s: StepDeps, position: Extract<Position, { phase: 'scanUsers' }>): Promise<StepResult> {
  const { run } = s;
  const seen = await readIdSet(s.platform.store, idSetOf(run, 'u'), run.sets.users);
  const scan = await scanForAbsent(s.ctx, s.ctx.keys.userPrefix, position.cursor, seen);
  const written = await writeIdSet(s.platform.store, idSetOf(run, 'du'), run.sets.doomedUsers, scan.absent);
  return moveTo(scan.cursor ? { phase: 'scanUsers', cursor: scan.cursor } : { phase: 'scanGroups' }, {
    sets: { ...run.sets, doomedUsers: run.sets.doomedUsers + written },
    scan: { ...run.scan, totalUsers: run.scan.totalUsers + scan.scanned, usersToRemove: run.scan.usersToRemove + scan.absent.length },
  });
}

/** After the last group: the safety check, which may pause the run before anything is removed. */
export async function scanGroupsStep(s: StepDeps, position: Extract<Position, { phase: 'scanGroups' }>): Promise<StepResult> {
  const { run } = s;
  const seenIdpIds = await readIdSet(s.platform.store, idSetOf(run, 'g'), run.sets.groups);
  const scan = await scanForAbsent(s.ctx, s.ctx.keys.groupPrefix, position.cursor, new Set([...seenIdpIds].map(directoryIdOf)));
  const written = await writeIdSet(s.platform.store, idSetOf(run, 'dg'), run.sets.doomedGroups, scan.absent);
  const fields = {
    sets: { ...run.sets, doomedGroups: run.sets.doomedGroups + written },
    scan: { ...run.scan, totalGroups: run.scan.totalGroups + scan.scanned, groupsToRemove: run.scan.groupsToRemove + scan.absent.length },
  };
  if (scan.cursor) return moveTo({ phase: 'scanGroups', cursor: scan.cursor }, fields);
  const pause = await safetyPause(s, fields.scan);
  return { ...moveTo(removalsFrom('removeUsers', fields.scan), fields), ...(pause ? { pause } : {}) };
}

export async function removeStep(s: StepDeps, position: Extract<Position, { phase: 'removeUsers' | 'removeGroups' }>): Promise<StepResult> {
  const users = position.phase === 'removeUsers';
  const kind = users ? 'user' : 'group';
  const set = idSetOf(s.run, users ? 'du' : 'dg');
  const records = users ? s.run.sets.doomedUsers : s.run.sets.doomedGroups;
  const failures: ItemFailure[] = [];
  let removed = 0;
  let done = 0;
  let { record, index } = position;
  let ids: string[] | undefined;
  while (done < REMOVALS_PER_STEP && s.platform.clock.now() < s.deadline && record < records) {
    ids ??= await readIdSetRecord(s.platform.store, set, record);
    if (index >= ids.length) {
      [record, index, ids] = [record + 1, 0, undefined];
      continue;
    }
    const batch = ids.slice(index, index + Math.min(CHECKS_PER_CALL, REMOVALS_PER_STEP - done)).map(readDoomed);
    const listed = await stillListed(s, kind, batch);
    for (const doomed of batch) {
      if (done > 0 && s.platform.clock.now() >= s.deadline) break;
      const failure = listed.has(doomed.id) ? undefined : await remove(s.ctx, kind, doomed.id);
      if (failure) failures.push(failure);
      else if (!listed.has(doomed.id)) removed += 1;
      index += 1;
      done += 1;
    }
  }
  const next: Position =
    record < records ? { phase: position.phase, record, index } : users ? removalsFrom('removeGroups', s.run.scan) : { phase: 'done' };
  const result: StepResult = { ...moveTo(next), failures };
  const counts = users ? result.progress.users : result.progress.groups;
  counts.removed = removed;
  counts.failed = failures.length;
  return result;
}

/** Directory id and IdP id of a record the scan found absent from the listings. */
interface Doomed {
  id: string;
  idpId?: string;
}

/** Doomed entries are `{directoryId}:{idpId}`; a bare directory id names a record without a usable IdP id. */
function doomedEntry(id: string, externalId: string | undefined): string {
  return externalId !== undefined && directoryIdOf(externalId) === id ? `${id}:${externalId}` : id;
}

function readDoomed(entry: string): Doomed {
  const colon = entry.indexOf(':');
  return colon === -1 ? { id: entry } : { id: entry.slice(0, colon), idpId: entry.slice(colon + 1) };
}

/**
 * The directory ids of the batch the IdP still lists: asked just before removing, so that a record an offset
 * listing skipped (a deletion shifted its pages), one the connector dropped, or one that came back while the run
 * waited for confirmation, stays. A record without an IdP id cannot be asked about and is removed.
 */
async function stillListed(s: StepDeps, kind: 'user' | 'group', batch: Doomed[]): Promise<Set<string>> {
  const byIdpId = new Map(batch.flatMap((doomed) => (doomed.idpId === undefined ? [] : [[doomed.idpId, doomed.id] as const])));
  if (byIdpId.size === 0 || !s.connector.listedOf) return new Set();
  const listed = await s.connector.listedOf(kind, [...byIdpId.keys()]);
  return new Set(batch.filter((doomed) => doomed.idpId !== undefined && listed.has(doomed.idpId)).map((doomed) => doomed.id));
}

/** The first removal phase with something to remove, from `phase` on. */
function removalsFrom(phase: 'removeUsers' | 'removeGroups', scan: Run['scan']): Position {
  if (phase === 'removeUsers' && scan.usersToRemove > 0) return { phase, record: 0, index: 0 };
  return scan.groupsToRemove > 0 ? { phase: 'removeGroups', record: 0, index: 0 } : { phase: 'done' };
}

async function scanForAbsent(
  ctx: DirectoryContext,
  prefix: string,
  start: string | undefined,
  seen: ReadonlySet<string>,
): Promise<{ absent: string[]; scanned: number; cursor?: string }> {
  const absent: string[] = [];
  let scanned = 0;
  let cursor = start;
  for (let queries = 0; queries < SCAN_QUERIES_PER_STEP; queries++) {
    const page = await ctx.store.query(prefix, { cursor, limit: MAX_QUERY_LIMIT });
    for (const item of page.items) {
      const { id, externalId } = recordId.parse(item.value);
      scanned += 1;
      if (!seen.has(id)) absent.push(doomedEntry(id, externalId));
    }
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { absent, scanned, ...(cursor ? { cursor } : {}) };
}

/** The same share rule for users and for groups: either above the limit stops the run before anything is removed. */
async function safetyPause(s: StepDeps, scan: Run['scan']): Promise<string | undefined> {
  const options = await loadProvisioningOptions(s.platform.store, s.run.connectionId);
  const users = checkSafety(scan.usersToRemove, scan.totalUsers, options);
  const groups = checkSafety(scan.groupsToRemove, scan.totalGroups, options);
  if (users.kind === 'ok' && groups.kind === 'ok') return undefined;
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  const share = (check: typeof users, toRemove: number, total: number, noun: string) =>
    `${toRemove} of ${total} ${noun}${check.kind === 'ok' ? '' : ` (${percent(check.share)})`}`;
  return (
    `This full run would remove ${share(users, scan.usersToRemove, scan.totalUsers, 'users')} and ` +
    `${share(groups, scan.groupsToRemove, scan.totalGroups, 'groups')}, more than the safety limit of ` +
    `${percent(options.safety.maxDisableShare)}. Nothing has been removed: confirm the run to ` +
    'remove them, or cancel it. Scheduled runs of this connection wait until then.'
  );
}

/** A record already gone (removed by someone else meanwhile) counts as removed. */
async function remove(ctx: DirectoryContext, kind: 'user' | 'group', id: string): Promise<ItemFailure | undefined> {
  try {
    if (kind === 'user') await deleteUser(ctx, id);
    else await deleteGroup(ctx, id);
    return undefined;
  } catch (error) {
    if (error instanceof DirectoryError && error.kind === 'notFound') return undefined;
    if (!isItemError(error)) throw error;
    return { kind, id, reason: error.message };
  }
}
