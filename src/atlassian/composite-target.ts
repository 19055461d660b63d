import { CAPABILITIES, isRoutable, routeOperation, type CredentialKind } from './capabilities';
import { TargetError, type AtlassianTarget, type TargetOperation } from './target';

/** Bitbucket workspace groups are another namespace; they are not part of the site target. */
export type SiteCredentialKind = Exclude<CredentialKind, 'bitbucketToken'>;

/** One adapter per credential the customer granted; each implements the operations its matrix cells allow. */
export type TargetAdapters = Partial<Record<SiteCredentialKind, Partial<AtlassianTarget>>>;

/** An AtlassianTarget that sends each operation to the adapter capabilities.ts routes it to. */
export function createCompositeTarget(adapters: TargetAdapters): AtlassianTarget {
  const available = (Object.keys(adapters) as SiteCredentialKind[]).filter((kind) => adapters[kind] !== undefined);

  function dispatch<K extends TargetOperation>(operation: K): AtlassianTarget[K] {
    const call = async (...args: unknown[]): Promise<unknown> => {
      const route = routeOperation(operation, available);
      if (!route.ok) throw new TargetError('unsupported', route.message);
      const adapter = adapters[route.credential as SiteCredentialKind];
      const method = adapter?.[operation] as ((...params: unknown[]) => Promise<unknown>) | undefined;
      if (!adapter || !method) throw new Error(`The ${route.credential} adapter does not implement ${operation}`);
      return method.apply(adapter, args);
    };
    return call as AtlassianTarget[K];
  }

  /**
   * The directory API only sees accounts provisioned into its directory: an account that exists on the site (made by
   * hand, or by another tool) is found through the next credential that can look users up.
   */
  async function findUserByEmail(email: string) {
    const row = CAPABILITIES.findUserByEmail;
    const able = row.preference.filter((kind) => available.includes(kind as SiteCredentialKind) && isRoutable(row.cells[kind]));
    if (able.length === 0) return dispatch('findUserByEmail')(email);
    for (const kind of able) {
      const found = await adapters[kind as SiteCredentialKind]?.findUserByEmail?.(email);
      if (found) return found;
    }
    return undefined;
  }

  return {
    findUserByEmail,
    getUser: dispatch('getUser'),
    createUser: dispatch('createUser'),
    updateProfile: dispatch('updateProfile'),
    suspendUser: dispatch('suspendUser'),
    restoreUser: dispatch('restoreUser'),
    removeProductAccess: dispatch('removeProductAccess'),
    listGroups: dispatch('listGroups'),
    findGroupByName: dispatch('findGroupByName'),
    createGroup: dispatch('createGroup'),
    deleteGroup: dispatch('deleteGroup'),
    renameGroup: dispatch('renameGroup'),
    listGroupMembers: dispatch('listGroupMembers'),
    addMember: dispatch('addMember'),
    removeMember: dispatch('removeMember'),
    setProjectLead: dispatch('setProjectLead'),
    setComponentLead: dispatch('setComponentLead'),
    listProjectsLedBy: dispatch('listProjectsLedBy'),
    listComponentsLedBy: dispatch('listComponentsLedBy'),
    setUserProperty: dispatch('setUserProperty'),
  };
}
