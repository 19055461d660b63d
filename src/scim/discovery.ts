// The discovery endpoints (RFC 7644 §4, RFC 7643 §5-7): /ServiceProviderConfig, /ResourceTypes and
// /Schemas, built from the same definitions the rest of the library validates with. Oracle IDCS reads
// /Schemas and /ResourceTypes to learn attributes; Entra ID and Okta read /ServiceProviderConfig.

import { notFound } from './error';
import { sameText } from './json';
import { locationOf } from './location';
import type { AttributeDefinition, SchemaDefinition } from './schemas/attribute';
import { RESOURCE_TYPES, type ResourceType } from './schemas/resource-types';

export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export interface Capabilities {
  patch: boolean;
  bulk: false;
  filter: { maxResults: number };
  changePassword: false;
  sort: boolean;
  etag: boolean;
  documentationUri?: string;
}

interface DiscoveryMeta {
  resourceType: 'ServiceProviderConfig' | 'ResourceType' | 'Schema';
  location: string;
}

export interface ServiceProviderConfigDocument {
  schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA];
  documentationUri?: string;
  patch: { supported: boolean };
  bulk: { supported: false; maxOperations: number; maxPayloadSize: number };
  filter: { supported: true; maxResults: number };
  changePassword: { supported: false };
  sort: { supported: boolean };
  etag: { supported: boolean };
  authenticationSchemes: {
    type: 'oauthbearertoken';
    name: string;
    description: string;
    specUri: string;
    primary: boolean;
  }[];
  meta: DiscoveryMeta;
}

export interface ResourceTypeDocument {
  schemas: [typeof RESOURCE_TYPE_SCHEMA];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
  meta: DiscoveryMeta;
}

export interface SchemaDocument {
  schemas: [typeof SCHEMA_SCHEMA];
  id: string;
  name: string;
  description: string;
  attributes: readonly AttributeDefinition[];
  meta: DiscoveryMeta;
}

export function serviceProviderConfig(capabilities: Capabilities, baseUrl: string): ServiceProviderConfigDocument {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    ...(capabilities.documentationUri ? { documentationUri: capabilities.documentationUri } : {}),
    patch: { supported: capabilities.patch },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: capabilities.filter.maxResults },
    changePassword: { supported: false },
    sort: { supported: capabilities.sort },
    etag: { supported: capabilities.etag },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: "The connection's SCIM token, sent as Authorization: Bearer <token>",
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: locationOf(baseUrl, 'ServiceProviderConfig') },
  };
}

export function resourceTypeDocuments(baseUrl: string): ResourceTypeDocument[] {
  return RESOURCE_TYPES.map((type) => resourceTypeDocument(type, baseUrl));
}

/** `/ResourceTypes/{name}`; the name matches ignoring case. */
export function findResourceTypeDocument(name: string, baseUrl: string): ResourceTypeDocument {
  const type = RESOURCE_TYPES.find((candidate) => sameText(candidate.name, name));
  if (!type) {
    const names = RESOURCE_TYPES.map((candidate) => candidate.name).join(' and ');
    throw notFound(`There is no resource type "${name}"; the resource types are ${names}`);
  }
  return resourceTypeDocument(type, baseUrl);
}

export function schemaDocuments(baseUrl: string): SchemaDocument[] {
  return allSchemas().map((schema) => schemaDocument(schema, baseUrl));
}

/** `/Schemas/{urn}`; the URN matches ignoring case. */
export function findSchemaDocument(urn: string, baseUrl: string): SchemaDocument {
  const schema = allSchemas().find((candidate) => sameText(candidate.id, urn));
  if (!schema) throw notFound(`There is no schema "${urn}"; GET /Schemas lists them`);
  return schemaDocument(schema, baseUrl);
}

function resourceTypeDocument(type: ResourceType, baseUrl: string): ResourceTypeDocument {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.id,
    schemaExtensions: type.extensions.map((extension) => ({ schema: extension.schema.id, required: extension.required })),
    meta: { resourceType: 'ResourceType', location: locationOf(baseUrl, 'ResourceTypes', type.name) },
  };
}

function schemaDocument(schema: SchemaDefinition, baseUrl: string): SchemaDocument {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: { resourceType: 'Schema', location: locationOf(baseUrl, 'Schemas', schema.id) },
  };
}

function allSchemas(): SchemaDefinition[] {
  return RESOURCE_TYPES.flatMap((type) => [type.schema, ...type.extensions.map((extension) => extension.schema)]);
}
