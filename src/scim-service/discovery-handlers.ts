import { MAX_PAGE_SIZE } from '../directory/listing';
import {
  findResourceTypeDocument,
  findSchemaDocument,
  resourceTypeDocuments,
  schemaDocuments,
  serviceProviderConfig,
  type Capabilities,
} from '../scim/discovery';
import { listResponse } from '../scim/list-response';
import { methodNotAllowed, type ScimOperation } from './scim-operation';
import { scimJson } from './responses';

/** What this server really does; /ServiceProviderConfig says exactly this. */
export const CAPABILITIES: Capabilities = {
  patch: true,
  bulk: false,
  filter: { maxResults: MAX_PAGE_SIZE },
  changePassword: false,
  sort: true,
  etag: true,
};

export function discoveryOperation(
  resource: 'ServiceProviderConfig' | 'ResourceTypes' | 'Schemas',
  id: string | undefined,
  method: string,
): ScimOperation {
  if (method !== 'GET') return methodNotAllowed(method, `GET on /${resource}`);
  return {
    writes: false,
    async run({ baseUrl }) {
      switch (resource) {
        case 'ServiceProviderConfig':
          return scimJson(200, serviceProviderConfig(CAPABILITIES, baseUrl));
        case 'ResourceTypes':
          return scimJson(200, id ? findResourceTypeDocument(id, baseUrl) : asList(resourceTypeDocuments(baseUrl)));
        case 'Schemas':
          return scimJson(200, id ? findSchemaDocument(id, baseUrl) : asList(schemaDocuments(baseUrl)));
      }
    },
  };
}

function asList<T>(documents: T[]) {
  return listResponse(documents, documents.length, 1);
}
