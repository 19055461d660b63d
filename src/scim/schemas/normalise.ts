// Turns a POST or PUT body into a resource's writable data. Attributes the schema does not know are
// not an error (identity providers send many): they come back as `extras` for the connection's
// "extra attributes" bag. Attributes a client may not set (id, meta, groups) and passwords are dropped.

import { parseAttributePath } from '../attribute-path';
import { badRequest } from '../error';
import { getProperty, isObject, isUnassigned, sameText, type JsonObject } from '../json';
import { findAttribute, type SchemaDefinition } from './attribute';
import { findExtension, resolvePath, type ResourceType } from './resource-types';
import { isStored, parseValue } from './zod';

/** Unknown attributes as the client sent them, keyed by their name (URN-qualified inside extensions). */
export type Extras = Record<string, unknown>;

export interface Normalised<T> {
  value: T;
  extras: Extras;
}

/** Records an unknown attribute; `__proto__` names no attribute and would replace the bag's prototype. */
export function keepExtra(extras: Extras, key: string, value: unknown): void {
  if (key !== '__proto__') extras[key] = value;
}

export function normaliseResource<T>(body: unknown, type: ResourceType<T>): Normalised<T> {
  if (!isObject(body)) {
    const example = `"schemas": ["${type.schema.id}"]`;
    throw badRequest('invalidSyntax', `The body must be a JSON object holding one ${type.name}, with ${example}`);
  }
  checkSchemas(body, type);
  const { data, extras } = splitAttributes(body, type);
  return { value: parseValue(type.data, data), extras };
}

// Lenient like the servers identity providers are tested against: "schemas" may be missing, but when
// present it has to name this resource type's schema or one of its extensions.
function checkSchemas(body: JsonObject, type: ResourceType): void {
  const declared = getProperty(body, 'schemas');
  if (declared === undefined || declared === null) return;
  if (!Array.isArray(declared) || !declared.every((urn) => typeof urn === 'string')) {
    throw badRequest('invalidSyntax', `"schemas" must be a list of schema URNs, e.g. ["${type.schema.id}"]`);
  }
  const known = [type.schema.id, ...type.extensions.map((extension) => extension.schema.id)];
  if (declared.length === 0 || declared.some((urn) => known.some((id) => sameText(id, urn)))) return;
  throw badRequest(
    'invalidSyntax',
    `"schemas" lists ${declared.join(', ')}, none of which is a ${type.name} schema; send "schemas": ["${type.schema.id}"]`,
  );
}

function splitAttributes(body: JsonObject, type: ResourceType): { data: JsonObject; extras: Extras } {
  const data: JsonObject = {};
  const extras: Extras = {};
  for (const [key, value] of Object.entries(body)) {
    if (sameText(key, 'schemas') || isUnassigned(value)) continue;
    const extension = findExtension(type, key);
    if (extension) {
      splitExtension(extension, value, data, extras);
      continue;
    }
    const path = parseAttributePath(key);
    const target = path && path.subAttribute === undefined ? resolvePath(type, path) : undefined;
    if (target?.kind !== 'attribute') {
      keepExtra(extras, key, value);
    } else if (isStored(target.attribute)) {
      const container = target.extension ? extensionData(data, target.extension) : data;
      container[target.attribute.name] = value;
    }
  }
  return { data, extras };
}

function splitExtension(extension: SchemaDefinition, value: unknown, data: JsonObject, extras: Extras): void {
  if (!isObject(value)) {
    throw badRequest('invalidValue', `"${extension.id}" must be an object of ${extension.name} attributes`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (isUnassigned(item)) continue;
    const attribute = findAttribute(extension.attributes, key);
    if (!attribute) keepExtra(extras, `${extension.id}:${key}`, item);
    else if (isStored(attribute)) extensionData(data, extension)[attribute.name] = item;
  }
}

function extensionData(data: JsonObject, extension: SchemaDefinition): JsonObject {
  const existing = data[extension.id];
  if (isObject(existing)) return existing;
  const created: JsonObject = {};
  data[extension.id] = created;
  return created;
}
