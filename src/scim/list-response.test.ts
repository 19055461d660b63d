import { OKTA_REQUESTS, MICROSOFT_REQUESTS } from '../../test/fixtures/scim-conformance';
import { LIST_RESPONSE_SCHEMA, listResponse, parsePaging } from './list-response';
import { scimFailure } from '../../test/kit/scim-errors';

const limits = { maxCount: 100 };

describe('parsePaging', () => {
  it.each<[Record<string, string>, { startIndex: number; count: number }]>([
    [{}, { startIndex: 1, count: 100 }],
    [OKTA_REQUESTS['Required Test: Test Users endpoint']!.query, { startIndex: 1, count: 1 }],
    [MICROSOFT_REQUESTS['User tests with garbage/Paginate']!.query, { startIndex: 1, count: 2 }],
    [
      { startIndex: '0', count: '-5' },
      { startIndex: 1, count: 0 },
    ],
    [
      { startIndex: '-3', count: '1000' },
      { startIndex: 1, count: 100 },
    ],
    [
      { startIndex: ' 7 ', count: '' },
      { startIndex: 7, count: 100 },
    ],
    [
      { startIndex: '99999999999999999999', count: '+3' },
      { startIndex: 1e20, count: 3 },
    ],
  ])('%j -> %j', (query, expected) => {
    expect(parsePaging(query, limits)).toEqual(expected);
  });

  it('uses the default count when there is one', () => {
    expect(parsePaging({}, { maxCount: 100, defaultCount: 20 })).toEqual({ startIndex: 1, count: 20 });
  });

  it.each([
    [{ startIndex: 'one' }, 'startIndex must be a whole number, e.g. startIndex=1; got "one"'],
    [{ count: '1.5' }, 'count must be a whole number, e.g. count=1; got "1.5"'],
    [{ count: '0x10' }, 'count must be a whole number, e.g. count=1; got "0x10"'],
  ])('%j -> 400 invalidValue', (query, detail) => {
    expect(scimFailure(() => parsePaging(query, limits))).toEqual([400, 'invalidValue', detail]);
  });
});

describe('listResponse', () => {
  it('wraps a page', () => {
    expect(listResponse([{ id: 'a' }], 7, 3)).toEqual({
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: 7,
      startIndex: 3,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
    });
  });

  it('answers "none found" with an empty list, as Okta expects', () => {
    expect(listResponse([], 0, 1)).toEqual({ schemas: [LIST_RESPONSE_SCHEMA], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });
});
