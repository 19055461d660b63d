// `sortBy` and `sortOrder` (RFC 7644 §3.4.2.3): strings sort by the attribute's caseExact, dateTimes as
// instants; a multi-valued attribute sorts by its primary value, or its first. Resources without the
// attribute sort as if it were greater than any value: last ascending, first descending.

import { parseAttributePath } from './attribute-path';
import { compareValues } from './compare';
import { badRequest } from './error';
import { getProperty, isObject, sameText, type JsonObject } from './json';
import { readAttribute } from './resource-values';
import { findAttribute, type AttributeDefinition } from './schemas/attribute';
import { resolvePath, type ResourceType } from './schemas/resource-types';

export type Comparator = (a: JsonObject, b: JsonObject) => number;

/** The comparator the parameters ask for, or undefined when there is no sortBy. */
export function compileSort(sortBy: string | undefined, sortOrder: string | undefined, type: ResourceType): Comparator | undefined {
  const text = sortBy?.trim();
  if (!text) return undefined;
  const path = parseAttributePath(text);
  const target = path && resolvePath(type, path);
  if (!path || target?.kind !== 'attribute') {
    throw badRequest('invalidValue', `sortBy "${text}" names no ${type.name} attribute; send e.g. sortBy=userName`);
  }
  const direction = directionOf(sortOrder);
  const definition = target.subAttribute ?? sortedDefinition(target.attribute);
  return (a, b) => {
    const left = sortKey(readAttribute(a, type, path).value, path.subAttribute);
    const right = sortKey(readAttribute(b, type, path).value, path.subAttribute);
    if (left === undefined || right === undefined) return direction * (Number(left === undefined) - Number(right === undefined));
    return direction * (compareValues(left, right, definition) ?? 0);
  };
}

function directionOf(sortOrder: string | undefined): 1 | -1 {
  const text = sortOrder?.trim() ?? '';
  if (text === '' || sameText(text, 'ascending')) return 1;
  if (sameText(text, 'descending')) return -1;
  throw badRequest('invalidValue', `sortOrder must be "ascending" or "descending", not "${text}"`);
}

// A complex attribute sorts by its `value` sub-attribute.
function sortedDefinition(attribute: AttributeDefinition): AttributeDefinition {
  return attribute.type === 'complex' ? (findAttribute(attribute.subAttributes, 'value') ?? attribute) : attribute;
}

function sortKey(value: unknown, subAttribute: string | undefined): unknown {
  const item = Array.isArray(value) ? (value.find((element) => getProperty(element, 'primary') === true) ?? value[0]) : value;
  const key = subAttribute !== undefined ? getProperty(item, subAttribute) : isObject(item) ? getProperty(item, 'value') : item;
  return key === null ? undefined : key;
}
