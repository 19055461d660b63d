// Reads an attribute path's values out of a resource object, looking in the extension object for
// extension attributes and matching names case-insensitively.

import type { AttributePath } from './attribute-path';
import { getProperty, type JsonObject } from './json';
import type { AttributeDefinition } from './schemas/attribute';
import { resolvePath, type ResourceType } from './schemas/resource-types';

export interface AttributeValue {
  /** The attribute's value as stored: one value, an array for multi-valued attributes, or undefined. */
  value: unknown;
  definition?: AttributeDefinition;
  /** The definition of path.subAttribute, when the path names one. */
  subDefinition?: AttributeDefinition;
}

export function readAttribute(resource: JsonObject, type: ResourceType, path: AttributePath): AttributeValue {
  const target = resolvePath(type, path);
  if (target?.kind === 'extension') return { value: getProperty(resource, target.extension.id) };
  if (!target) {
    const container = path.schema === undefined ? resource : getProperty(resource, path.schema);
    return { value: getProperty(container, path.attribute) };
  }
  const container = target.extension ? getProperty(resource, target.extension.id) : resource;
  return {
    value: getProperty(container, target.attribute.name),
    definition: target.attribute,
    subDefinition: target.subAttribute,
  };
}

/** A value as a list: [] for an absent value, the array for a multi-valued one. */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
