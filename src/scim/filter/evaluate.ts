// Evaluates a filter against a resource (RFC 7644 §3.4.2.2). A multi-valued attribute matches when any
// of its values does; a complex attribute compared without a sub-attribute (`emails co "@x"`) compares
// its `value` sub-attribute. Strings compare by the attribute's caseExact, dateTimes as instants.
// `ne` is the negation of `eq` (so an absent attribute is `ne` anything), `eq null` means "not present".

import type { AttributePath } from '../attribute-path';
import { compareValues, comparableText } from '../compare';
import { getProperty, isObject, type JsonObject } from '../json';
import { readAttribute, valuesOf } from '../resource-values';
import { findAttribute, type AttributeDefinition } from '../schemas/attribute';
import type { ResourceType } from '../schemas/resource-types';
import type { Comparison, Filter } from './ast';

export function matchesFilter(filter: Filter, resource: JsonObject, type: ResourceType): boolean {
  return evaluate(filter, (path) => resourceValues(resource, type, path));
}

/** Whether one value of a complex attribute (an email, a member) matches a filter written inside its [...]. */
export function matchesElement(filter: Filter, element: unknown, definition: AttributeDefinition | undefined): boolean {
  return evaluate(filter, (path) => ({
    values: valuesOf(getProperty(element, path.attribute)),
    definition: findAttribute(definition?.subAttributes, path.attribute),
  }));
}

/** RFC 7644 §3.4.2.2 "pr": a non-empty value, or a complex value with a non-empty sub-attribute. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  return !isObject(value) || Object.values(value).some(isPresent);
}

interface Values {
  values: unknown[];
  definition?: AttributeDefinition;
}

type Lookup = (path: AttributePath) => Values;

function evaluate(filter: Filter, lookup: Lookup): boolean {
  switch (filter.op) {
    case 'and':
      return evaluate(filter.left, lookup) && evaluate(filter.right, lookup);
    case 'or':
      return evaluate(filter.left, lookup) || evaluate(filter.right, lookup);
    case 'not':
      return !evaluate(filter.filter, lookup);
    case 'pr':
      return lookup(filter.path).values.some(isPresent);
    case 'valuePath': {
      const { values, definition } = lookup(filter.path);
      return values.some((element) => matchesElement(filter.filter, element, definition));
    }
    default:
      return compare(filter, comparable(lookup(filter.path)));
  }
}

function resourceValues(resource: JsonObject, type: ResourceType, path: AttributePath): Values {
  const { value, definition, subDefinition } = readAttribute(resource, type, path);
  const values = valuesOf(value);
  const { subAttribute } = path;
  if (subAttribute === undefined) return { values, definition };
  return { values: values.flatMap((item) => valuesOf(getProperty(item, subAttribute))), definition: subDefinition };
}

// A complex value stands for its `value` sub-attribute in comparisons (`emails eq "a@example.com"`).
function comparable({ values, definition }: Values): Values {
  if (!values.some(isObject)) return { values, definition };
  return {
    values: values.map((item) => (isObject(item) ? getProperty(item, 'value') : item)),
    definition: findAttribute(definition?.subAttributes, 'value'),
  };
}

function compare(filter: Comparison, { values, definition }: Values): boolean {
  const expected = filter.value;
  switch (filter.op) {
    case 'eq':
      return equals(values, expected, definition);
    case 'ne':
      return !equals(values, expected, definition);
    case 'co':
    case 'sw':
    case 'ew': {
      const op = filter.op;
      if (typeof expected !== 'string') return false;
      return values.some((value) => typeof value === 'string' && textMatches(op, value, expected, definition));
    }
    default:
      return values.some((value) => ordered(filter.op, compareValues(value, expected, definition)));
  }
}

function equals(values: unknown[], expected: Comparison['value'], definition: AttributeDefinition | undefined): boolean {
  if (expected === null) return !values.some(isPresent);
  return values.some((value) => compareValues(value, expected, definition) === 0);
}

function textMatches(op: 'co' | 'sw' | 'ew', value: string, expected: string, definition: AttributeDefinition | undefined): boolean {
  const text = comparableText(value, definition);
  const part = comparableText(expected, definition);
  if (op === 'co') return text.includes(part);
  return op === 'sw' ? text.startsWith(part) : text.endsWith(part);
}

function ordered(op: Comparison['op'], order: number | undefined): boolean {
  if (order === undefined) return false;
  switch (op) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    default:
      return order <= 0;
  }
}
