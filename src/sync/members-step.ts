// The members phase: walks the groups the groups phase saw, one IdP member page after another, several per
// event (most groups fit one page). A group longer than a page keeps its earlier pages' member ids in scratch
// records, so that its last page can tell which directory members the IdP no longer lists. Those records stay
// until the run ends: an event that finished a group and then failed is redelivered from the group's last
// page, and needs them again.
import type { IdpCursor, IdpPage } from '../idp/connector';
import { IdpError } from '../idp/idp-error';
import { addGroupMembers, removeAbsentMembers } from './apply-members';
import { directoryIdOf } from './directory-mapping';
import { readIdSet, readIdSetRecord, writeIdSet } from './id-sets';
import type { ItemFailure } from './item-failure';
import { addProgress, emptyProgress, type Progress } from './progress';
import type { Position } from './run-record';
import { idSetOf, type StepDeps, type StepResult } from './step';

type MembersPosition = Extract<Position, { phase: 'members' }>;

/** IdP member pages per event: IDCS answers up to 1000 members a page. */
export const MEMBER_PAGES_PER_STEP = 50;

export async function membersStep(s: StepDeps, start: MembersPosition): Promise<StepResult> {
  const totals = { progress: emptyProgress(), failures: [] as ItemFailure[] };
  let position = start;
  let groupIds: string[] | undefined;
  for (let pages = 0; pages < MEMBER_PAGES_PER_STEP && s.platform.clock.now() < s.deadline;) {
    if (position.record >= s.run.sets.groups) {
      return { fields: { position: s.run.mode === 'full' ? { phase: 'scanUsers' } : { phase: 'done' } }, ...totals };
    }
    groupIds ??= await readIdSetRecord(s.platform.store, idSetOf(s.run, 'g'), position.record);
    if (position.index >= groupIds.length) {
      position = { phase: 'members', record: position.record + 1, index: 0, memberPages: 0 };
      groupIds = undefined;
      continue;
    }
    position = await walkMemberPage(s, groupIds[position.index]!, position, totals);
    pages += 1;
  }
  return { fields: { position }, ...totals };
}

async function walkMemberPage(
  s: StepDeps,
  idpGroupId: string,
  position: MembersPosition,
  totals: { progress: Progress; failures: ItemFailure[] },
): Promise<MembersPosition> {
  const groupId = directoryIdOf(idpGroupId);
  const pages = idSetOf(s.run, `m:${groupId}`);
  const nextGroup: MembersPosition = { ...position, index: position.index + 1, cursor: undefined, memberPages: 0 };
  const page = await memberPageOrGone(s, idpGroupId, position.cursor as IdpCursor | undefined);
  if (page) {
    const added = await addGroupMembers(s.ctx, groupId, page.items);
    collect(totals, added);
    if (page.next) {
      const written = await writeIdSet(s.platform.store, pages, position.memberPages, added.memberIds);
      return { ...position, cursor: page.next, memberPages: position.memberPages + written };
    }
    const members = await readIdSet(s.platform.store, pages, position.memberPages);
    for (const id of added.memberIds) members.add(id);
    collect(totals, await removeAbsentMembers(s.ctx, groupId, members));
  }
  return nextGroup;
}

/** A group deleted at the IdP since the groups phase listed it: its members stay until a full run removes it. */
async function memberPageOrGone(s: StepDeps, idpGroupId: string, cursor: IdpCursor | undefined): Promise<IdpPage<string> | undefined> {
  try {
    return await s.connector.listGroupMembersPage!(idpGroupId, cursor);
  } catch (error) {
    if (error instanceof IdpError && error.kind === 'notFound') return undefined;
    throw error;
  }
}

function collect(totals: { progress: Progress; failures: ItemFailure[] }, result: { progress: Progress; failures: ItemFailure[] }): void {
  totals.progress = addProgress(totals.progress, result.progress);
  totals.failures.push(...result.failures);
}
