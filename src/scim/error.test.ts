import { badRequest, isSCIMError, notFound, SCIMError, unauthorized, uniquenessConflict, versionMismatch } from './error';

describe('SCIMError', () => {
  it('renders the RFC 7644 §3.12 error body with the status as a string', () => {
    expect(badRequest('invalidFilter', 'bad filter').toBody()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'bad filter',
    });
  });

  it('leaves scimType out when there is none', () => {
    expect(notFound('no such user').toBody()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: 'no such user',
    });
  });

  it.each([
    [unauthorized('no token'), 401, undefined],
    [uniquenessConflict('taken'), 409, 'uniqueness'],
    [versionMismatch('stale'), 412, 'invalidVers'],
  ])('has helpers for %s', (error, status, scimType) => {
    expect([error.status, error.scimType]).toEqual([status, scimType]);
  });

  it('puts context in front of the detail and keeps the original as the cause', () => {
    const original = badRequest('noTarget', 'nothing matched');
    const wrapped = original.withContext('Operation 2');
    expect([wrapped.status, wrapped.scimType, wrapped.detail, wrapped.cause]).toEqual([400, 'noTarget', 'Operation 2: nothing matched', original]);
  });

  it('is an Error that isSCIMError recognises', () => {
    const error = new SCIMError(400, 'invalidValue', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('x');
    expect(error.name).toBe('SCIMError');
    expect(isSCIMError(error)).toBe(true);
    expect(isSCIMError(new Error('x'))).toBe(false);
  });
});
