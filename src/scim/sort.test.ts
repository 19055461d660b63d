import type { JsonObject } from './json';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './schemas/resource-types';
import { compileSort } from './sort';
import { scimFailure } from '../../test/kit/scim-errors';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const users: JsonObject[] = [
  { id: 'b', userName: 'bob', emails: [{ value: 'z@x' }, { value: 'a@x', primary: true }], meta: { created: '2024-01-01T01:00:00+01:00' } },
  { id: 'A', userName: 'Alice', emails: [{ value: 'm@x' }], meta: { created: '2024-01-01T00:30:00Z' }, [ENTERPRISE]: { department: 'Sales' } },
  { id: 'c', userName: 'carol', meta: { created: '2023-12-31T23:59:59Z' }, [ENTERPRISE]: { department: 'Ops' } },
];

function sortedIds(sortBy: string | undefined, sortOrder?: string): string[] {
  const comparator = compileSort(sortBy, sortOrder, USER_RESOURCE_TYPE);
  return [...users].sort(comparator).map((user) => user['id'] as string);
}

describe('compileSort', () => {
  it.each<[string, string | undefined, string[]]>([
    ['userName', undefined, ['A', 'b', 'c']],
    ['USERNAME', 'Descending', ['c', 'b', 'A']],
    ['id', 'ascending', ['A', 'b', 'c']],
    ['emails', undefined, ['b', 'A', 'c']],
    ['emails.value', 'descending', ['c', 'A', 'b']],
    ['meta.created', undefined, ['c', 'b', 'A']],
    [`${ENTERPRISE}:department`, undefined, ['c', 'A', 'b']],
    ['title', undefined, ['b', 'A', 'c']],
  ])('sortBy=%s sortOrder=%s', (sortBy, sortOrder, expected) => {
    expect(sortedIds(sortBy, sortOrder)).toEqual(expected);
  });

  it('gives no comparator without sortBy', () => {
    expect(compileSort(undefined, 'descending', GROUP_RESOURCE_TYPE)).toBeUndefined();
    expect(compileSort(' ', undefined, GROUP_RESOURCE_TYPE)).toBeUndefined();
  });

  it.each([
    ['nickname.first', undefined, 'sortBy "nickname.first" names no User attribute; send e.g. sortBy=userName'],
    ['userName', 'up', 'sortOrder must be "ascending" or "descending", not "up"'],
  ])('sortBy=%s sortOrder=%s -> 400 invalidValue', (sortBy, sortOrder, detail) => {
    expect(scimFailure(() => compileSort(sortBy, sortOrder, USER_RESOURCE_TYPE))).toEqual([400, 'invalidValue', detail]);
  });
});
