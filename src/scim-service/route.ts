import { routePath } from '../platform/webtrigger';
import type { WebTriggerRequest } from '../platform/webtrigger';

export type ResourceName = 'Users' | 'Groups' | 'ServiceProviderConfig' | 'ResourceTypes' | 'Schemas' | 'Me' | 'Bulk';

export interface ScimRoute {
  connectionId: string;
  resource?: ResourceName;
  /** Unknown first segment after /scim/v2 (answered 404). */
  unknown?: string;
  id?: string;
  /** Anything after the id: not part of SCIM (answered 404). */
  extra?: string;
  /** `POST .../.search` at the root or after a resource (RFC 7644 §3.4.3). */
  search?: true;
}

const SEARCH = '.search';

const RESOURCES: ResourceName[] = ['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas', 'Me', 'Bulk'];

/** `/{connectionId}/scim/v2/{Resource}/{id}`; resource names match case-insensitively, as Entra's tools assume. */
export function parseScimRoute(request: Pick<WebTriggerRequest, 'path' | 'userPath'>): ScimRoute | undefined {
  const segments = routePath(request)
    .split('/')
    .filter((segment) => segment.length > 0);
  const [connectionId, scim, version, resource, id, ...rest] = segments;
  if (!connectionId || scim?.toLowerCase() !== 'scim' || version?.toLowerCase() !== 'v2') return undefined;
  const route: ScimRoute = { connectionId };
  if (resource === undefined) return route;
  if (resource === SEARCH && id === undefined) return { ...route, search: true };
  const known = RESOURCES.find((name) => name.toLowerCase() === resource.toLowerCase());
  if (!known) return { ...route, unknown: resource };
  if (id === SEARCH && rest.length === 0) return { ...route, resource: known, search: true };
  return { ...route, resource: known, id: id === undefined ? undefined : safeDecode(id), extra: rest.length > 0 ? rest.join('/') : undefined };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
