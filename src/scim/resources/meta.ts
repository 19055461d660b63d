import { locationOf } from '../location';
import type { ResourceType } from '../schemas/resource-types';

/** What a caller keeps about a resource besides its data. */
export interface StoredResource<T> {
  id: string;
  data: T;
  /** ISO 8601 instants. */
  created: string;
  lastModified: string;
  /** The ETag, e.g. W/"3". */
  version?: string;
}

export interface ResourceMeta {
  resourceType: string;
  created: string;
  lastModified: string;
  location: string;
  version?: string;
}

export function metaOf(type: ResourceType, stored: StoredResource<unknown>, baseUrl: string): ResourceMeta {
  return {
    resourceType: type.name,
    created: stored.created,
    lastModified: stored.lastModified,
    location: locationOf(baseUrl, type.endpoint.slice(1), encodeURIComponent(stored.id)),
    ...(stored.version === undefined ? {} : { version: stored.version }),
  };
}
