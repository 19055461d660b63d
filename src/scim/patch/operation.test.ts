import { scimFailure } from '../../../test/kit/scim-errors';
import { parsePatchRequest, PATCH_OP_SCHEMA } from './operation';

describe('parsePatchRequest', () => {
  it('reads operations with keys and op names in any case, dropping empty paths', () => {
    expect(
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        operations: [
          { Op: 'Replace', Path: 'active', Value: false },
          { op: 'ADD', path: ' ', value: { title: 'x' } },
          { op: 'remove', path: 'title' },
        ],
      }),
    ).toEqual([
      { op: 'replace', path: 'active', value: false },
      { op: 'add', value: { title: 'x' } },
      { op: 'remove', path: 'title' },
    ]);
  });

  it('accepts a request without "schemas"', () => {
    expect(parsePatchRequest({ Operations: [{ op: 'remove', path: 'title' }] })).toEqual([{ op: 'remove', path: 'title' }]);
  });

  it.each([
    ['a list', [], 'invalidSyntax', 'The body must be a PatchOp message'],
    ['other schemas', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] }, 'invalidSyntax', '"schemas" must be'],
    ['no operations', { schemas: [PATCH_OP_SCHEMA] }, 'invalidSyntax', '"Operations" must be a non-empty list'],
    ['empty operations', { schemas: [PATCH_OP_SCHEMA], Operations: [] }, 'invalidSyntax', '"Operations" must be a non-empty list'],
    ['an operation that is not an object', { Operations: ['add'] }, 'invalidSyntax', 'Operation 1 must be an object'],
    [
      'an unknown op',
      { Operations: [{ op: 'move', path: 'title' }] },
      'invalidSyntax',
      'Operation 1: "op" must be "add", "replace" or "remove", not "move"',
    ],
    ['a path that is not a string', { Operations: [{ op: 'add', path: 5 }] }, 'invalidPath', 'Operation 1: "path" must be a string'],
  ])('refuses %s', (_, body, scimType, detail) => {
    expect(scimFailure(() => parsePatchRequest(body))).toEqual([400, scimType, expect.stringContaining(detail)]);
  });
});
