// The resource types this server offers (RFC 7643 §6) and the resolution of attribute paths against them.

import type { z } from 'zod';
import type { AttributePath } from '../attribute-path';
import { sameText } from '../json';
import { findAttribute, type AttributeDefinition, type SchemaDefinition } from './attribute';
import { COMMON_ATTRIBUTES } from './common';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user';
import { GROUP_SCHEMA, type ScimGroup } from './group';
import { USER_SCHEMA, type ScimUser } from './user';
import { dataSchema } from './zod';

export interface SchemaExtension {
  readonly schema: SchemaDefinition;
  readonly required: boolean;
}

export interface ResourceType<T = unknown> {
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly schema: SchemaDefinition;
  readonly extensions: readonly SchemaExtension[];
  /** The common attributes (id, externalId, meta, schemas) followed by the core schema's. */
  readonly attributes: readonly AttributeDefinition[];
  /** Validates and normalises the writable data of one resource. */
  readonly data: z.ZodType<T>;
}

export const USER_RESOURCE_TYPE = defineResourceType<ScimUser>('User', '/Users', 'User Account', USER_SCHEMA, [
  { schema: ENTERPRISE_USER_SCHEMA, required: false },
]);

export const GROUP_RESOURCE_TYPE = defineResourceType<ScimGroup>('Group', '/Groups', 'Group', GROUP_SCHEMA, []);

export const RESOURCE_TYPES: readonly ResourceType[] = [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE];

/** Where an attribute path points: an attribute (maybe in an extension, maybe a sub-attribute) or a whole extension. */
export type ResolvedPath =
  | {
      kind: 'attribute';
      /** Set when the attribute lives in an extension, i.e. under the extension's URN in the resource. */
      extension?: SchemaDefinition;
      attribute: AttributeDefinition;
      subAttribute?: AttributeDefinition;
    }
  | { kind: 'extension'; extension: SchemaDefinition };

/** Resolves `path` against `type`, ignoring case; undefined for an attribute the type does not define. */
export function resolvePath(type: ResourceType, path: AttributePath): ResolvedPath | undefined {
  const target = path.schema === undefined ? findUnqualified(type, path.attribute) : findQualified(type, path.schema, path.attribute);
  if (target === undefined || path.subAttribute === undefined) return target;
  if (target.kind === 'extension') return undefined;
  const subAttribute = findAttribute(target.attribute.subAttributes, path.subAttribute);
  return subAttribute && { ...target, subAttribute };
}

export function findExtension(type: ResourceType, urn: string): SchemaDefinition | undefined {
  return type.extensions.find((extension) => sameText(extension.schema.id, urn))?.schema;
}

function findQualified(type: ResourceType, schema: string, name: string): ResolvedPath | undefined {
  if (sameText(schema, type.schema.id)) return attributeIn(undefined, type.attributes, name);
  const extension = findExtension(type, schema);
  if (extension) return attributeIn(extension, extension.attributes, name);
  const whole = findExtension(type, `${schema}:${name}`);
  return whole && { kind: 'extension', extension: whole };
}

// RFC 7644 §3.10 resolves unqualified names against the core schema. Clients also send extension
// attributes unqualified (`department`); no core attribute shadows them, so they are accepted too.
function findUnqualified(type: ResourceType, name: string): ResolvedPath | undefined {
  const core = attributeIn(undefined, type.attributes, name);
  if (core) return core;
  for (const { schema } of type.extensions) {
    const found = attributeIn(schema, schema.attributes, name);
    if (found) return found;
  }
  return undefined;
}

function attributeIn(extension: SchemaDefinition | undefined, attributes: readonly AttributeDefinition[], name: string): ResolvedPath | undefined {
  const attribute = findAttribute(attributes, name);
  if (!attribute) return undefined;
  return extension ? { kind: 'attribute', extension, attribute } : { kind: 'attribute', attribute };
}

function defineResourceType<T>(
  name: string,
  endpoint: string,
  description: string,
  schema: SchemaDefinition,
  extensions: readonly SchemaExtension[],
): ResourceType<T> {
  const attributes = [...COMMON_ATTRIBUTES, ...schema.attributes];
  return {
    name,
    endpoint,
    description,
    schema,
    extensions,
    attributes,
    // The schema is generated from the same definitions that ScimUser and ScimGroup mirror; the
    // round-trip tests in resources/ keep the two in step.
    data: dataSchema(
      attributes,
      extensions.map((extension) => extension.schema),
    ) as z.ZodType<T>,
  };
}
