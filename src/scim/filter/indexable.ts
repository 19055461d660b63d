// Recognises the filters identity providers probe with, which an index lookup can answer instead of a
// scan: `userName eq "x"` (Okta, Entra ID), `externalId eq`, `id eq`, `displayName eq` (Entra ID's group
// probe), and the email forms `emails.value eq`, `emails[value eq "x"]`, `emails[type eq "work"].value eq`.

import type { AttributePath } from '../attribute-path';
import { sameText } from '../json';
import { GROUP_SCHEMA_ID } from '../schemas/group';
import { USER_SCHEMA_ID } from '../schemas/user';
import type { Filter } from './ast';

export type IndexedAttribute = 'userName' | 'externalId' | 'id' | 'displayName' | 'email';

export interface IndexLookup {
  attribute: IndexedAttribute;
  value: string;
}

const INDEXED_ATTRIBUTES: readonly IndexedAttribute[] = ['userName', 'externalId', 'id', 'displayName'];

/**
 * The index lookup that finds every resource `filter` can match, or undefined when it takes a scan.
 * The lookup may find more than the filter matches (`emails[type eq "work"].value eq "x"` also finds a
 * home email "x"; one side of an `and`), so evaluate the filter on what it finds.
 */
export function indexableFilter(filter: Filter): IndexLookup | undefined {
  switch (filter.op) {
    case 'eq':
      if (typeof filter.value !== 'string' || !isCorePath(filter.path)) return undefined;
      if (sameText(filter.path.attribute, 'emails') && isValueName(filter.path.subAttribute)) {
        return { attribute: 'email', value: filter.value };
      }
      return filter.path.subAttribute === undefined ? attributeLookup(filter.path.attribute, filter.value) : undefined;
    case 'valuePath':
      return isCorePath(filter.path) && sameText(filter.path.attribute, 'emails') ? emailInElementFilter(filter.filter) : undefined;
    case 'and':
      return indexableFilter(filter.left) ?? indexableFilter(filter.right);
    default:
      return undefined;
  }
}

/**
 * The name prefix every match of `filter` starts with when it says `{nameAttribute} sw "x"` (alone or in an
 * `and`): such a filter is answered from the name index instead of a scan.
 */
export function namePrefixFilter(filter: Filter, nameAttribute: string): string | undefined {
  if (filter.op === 'and') return namePrefixFilter(filter.left, nameAttribute) ?? namePrefixFilter(filter.right, nameAttribute);
  const byName = filter.op === 'sw' && typeof filter.value === 'string' && isCorePath(filter.path) && filter.path.subAttribute === undefined;
  return byName && sameText(filter.path.attribute, nameAttribute) ? (filter.value as string) : undefined;
}

function attributeLookup(name: string, value: string): IndexLookup | undefined {
  const attribute = INDEXED_ATTRIBUTES.find((indexed) => sameText(indexed, name));
  return attribute && { attribute, value };
}

// Inside emails[...]: `value eq "x"`, alone or and-ed with other conditions.
function emailInElementFilter(filter: Filter): IndexLookup | undefined {
  if (filter.op === 'and') return emailInElementFilter(filter.left) ?? emailInElementFilter(filter.right);
  if (filter.op === 'eq' && typeof filter.value === 'string' && isValueName(filter.path.attribute)) {
    return { attribute: 'email', value: filter.value };
  }
  return undefined;
}

function isValueName(name: string | undefined): boolean {
  return name !== undefined && sameText(name, 'value');
}

function isCorePath(path: AttributePath): boolean {
  return path.schema === undefined || sameText(path.schema, USER_SCHEMA_ID) || sameText(path.schema, GROUP_SCHEMA_ID);
}
