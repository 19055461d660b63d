// Listing only what is granted the app: walk the app's grants; direct user grants give users, group grants
// give groups and, for the user listing, that group's members (reference §1.5).
import type { IdpGroup, IdpPage, IdpUser } from '../connector';
import { deltaFloor } from '../delta-mark';
import type { GrantsCursor } from './cursors';
import { finishPage } from './listing-page';
import { type IdcsResources, membersOrNone } from './resources';
import type { IdcsGrant } from './schemas';

/** Grants and members read per page, and so ids per `id eq .. or ..` search (Oracle documents no filter limit). */
const GRANTED_PAGE_SIZE = 100;

const atOrAfter = (timestamp: string | undefined, floor: string) => timestamp !== undefined && Date.parse(timestamp) >= Date.parse(floor);

/** Plain app access: AppRole grants (with an entitlement) are role memberships, not assignments. */
const isAccessGrant = (grant: IdcsGrant | undefined, type: 'User' | 'Group'): grant is IdcsGrant =>
  !!grant && !grant.entitlement && grant.grantee.type === type;

export interface GrantedListing {
  usersPage(cursor: GrantsCursor): Promise<IdpPage<IdpUser>>;
  groupsPage(cursor: GrantsCursor): Promise<IdpPage<IdpGroup>>;
}

export function createGrantedListing(resources: IdcsResources, appId: string, skewMs: number): GrantedListing {
  const floorOf = (cursor: GrantsCursor) => cursor.since && deltaFloor(cursor.since, skewMs);
  const grantChangedSince = (floor: string | undefined) => (grant: IdcsGrant) => floor !== undefined && atOrAfter(grant.meta?.lastModified, floor);

  /** One page of a granted group's members, as users; in delta mode only those whose membership or record changed. */
  async function groupMembersPage(cursor: GrantsCursor, group: NonNullable<GrantsCursor['group']>): Promise<IdpPage<IdpUser>> {
    const floor = floorOf(cursor);
    const members = await membersOrNone(resources.membersPage(group.id, group.memberIndex, GRANTED_PAGE_SIZE));
    const added = new Map(members.map((member) => [member.value, member.dateAdded]));
    const users = (await resources.usersByIds([...added.keys()])).filter(
      (user) => !floor || group.grantChanged || atOrAfter(user.lastModified, floor) || atOrAfter(added.get(user.id), floor),
    );
    const next =
      members.length < GRANTED_PAGE_SIZE
        ? { ...cursor, group: undefined }
        : { ...cursor, group: { ...group, memberIndex: group.memberIndex + members.length } };
    return finishPage(users, cursor, next, skewMs);
  }

  return {
    /**
     * In grant order: a run of direct user grants is one page; a group grant is followed by pages of that
     * group's members before the walk goes on. In delta mode a user counts as changed when the user, the grant
     * or the membership changed since the floor.
     */
    async usersPage(cursor) {
      if (cursor.group) return groupMembersPage(cursor, cursor.group);
      const floor = floorOf(cursor);
      const grantChanged = grantChangedSince(floor);
      const { grants, total } = await resources.appGrantsPage(appId, cursor.grantIndex, GRANTED_PAGE_SIZE);
      const stopAt = grants.findIndex((grant) => isAccessGrant(grant, 'Group'));
      const consumed = stopAt === -1 ? grants : grants.slice(0, stopAt + 1);
      const userGrants = consumed.filter((grant) => isAccessGrant(grant, 'User'));
      const regranted = new Set(userGrants.filter(grantChanged).map((grant) => grant.grantee.value));
      const users = (await resources.usersByIds(userGrants.map((grant) => grant.grantee.value))).filter(
        (user) => !floor || regranted.has(user.id) || atOrAfter(user.lastModified, floor),
      );
      const grantIndex = cursor.grantIndex + consumed.length;
      const groupGrant = stopAt === -1 ? undefined : grants[stopAt];
      if (groupGrant) {
        const group = { id: groupGrant.grantee.value, memberIndex: 1, grantChanged: grantChanged(groupGrant) };
        return finishPage(users, cursor, { ...cursor, grantIndex, group }, skewMs);
      }
      const more = grants.length > 0 && grantIndex <= total;
      return finishPage(users, cursor, more ? { ...cursor, grantIndex } : undefined, skewMs);
    },

    async groupsPage(cursor) {
      const floor = floorOf(cursor);
      const { grants, total } = await resources.appGrantsPage(appId, cursor.grantIndex, GRANTED_PAGE_SIZE);
      const groupGrants = grants.filter((grant) => isAccessGrant(grant, 'Group'));
      const regranted = new Set(groupGrants.filter(grantChangedSince(floor)).map((grant) => grant.grantee.value));
      const groups = (await resources.groupsByIds(groupGrants.map((grant) => grant.grantee.value))).filter(
        (group) => !floor || regranted.has(group.id) || atOrAfter(group.lastModified, floor),
      );
      const grantIndex = cursor.grantIndex + grants.length;
      const more = grants.length > 0 && grantIndex <= total;
      return finishPage(groups, cursor, more ? { ...cursor, grantIndex } : undefined, skewMs);
    },
  };
}
