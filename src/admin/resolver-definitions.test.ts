import { adminBed, ADMIN } from '../../test/kit/admin-bed';
import { invokeResolver, resolverDefinitions } from './resolver-definitions';

const KEYS = [
  'cancelRemovals',
  'cancelRun',
  'checkSiteNow',
  'confirmRemovals',
  'confirmRun',
  'createConnection',
  'deleteConnection',
  'dryRun',
  'getCredentials',
  'getKeyExpiry',
  'getOptions',
  'getPagePreferences',
  'getPullSetup',
  'getReevaluation',
  'getRunStatus',
  'getScimSetup',
  'getUserDetail',
  'listActivity',
  'listConnections',
  'listGroups',
  'listRunHistory',
  'listUsers',
  'previewOptions',
  'previewRegex',
  'renameConnection',
  'retrySubject',
  'rotateToken',
  'saveCredentials',
  'saveOptions',
  'savePagePreferences',
  'savePullSetup',
  'setConnectionEnabled',
  'syncUser',
  'synchronizeNow',
  'testCredentials',
  'testPullConnection',
  'testUserLookup',
];

describe('the admin resolver map', () => {
  it('offers these keys', () => {
    expect(Object.keys(resolverDefinitions).sort()).toEqual(KEYS);
  });

  it.each(KEYS)('refuses %s to a caller who is not an administrator, before reading the payload or the store', async (key) => {
    const bed = await adminBed();
    const { connection } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    bed.setAdministrator(false);
    bed.platform.store.reset();
    for (const payload of [{ connectionId: connection.id, name: 'x' }, { not: 'valid' }, undefined]) {
      const result = await invokeResolver(bed.deps, key, payload, ADMIN);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only site administrators can use User & Group Sync settings.' } });
    }
    expect(bed.platform.store.snapshot().calls).toBe(0);
  });

  it('passes the resolver context to the admin check', async () => {
    const bed = await adminBed();
    const isAdministrator = jest.fn(async () => false);
    await invokeResolver({ ...bed.deps, isAdministrator }, 'listConnections', {}, { accountId: 'someone' });
    expect(isAdministrator).toHaveBeenCalledWith({ accountId: 'someone' });
  });

  it('answers an unknown key with an error result, not an exception', async () => {
    const bed = await adminBed();
    const result = await invokeResolver(bed.deps, 'toString', {}, ADMIN);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'notFound' }) });
  });

  it('returns field-level messages, by dotted path, for a payload that does not fit', async () => {
    const bed = await adminBed();
    const result = await invokeResolver(bed.deps, 'renameConnection', { connectionId: 'NOT AN ID', name: '  ' }, ADMIN);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid', message: '2 fields need attention.', fields: { connectionId: 'Choose a connection.', name: 'Enter a name.' } },
    });
  });

  it('turns an unexpected failure into a result, and logs only its kind', async () => {
    const bed = await adminBed();
    jest.spyOn(bed.platform.store, 'query').mockRejectedValueOnce(new TypeError('user ada@example.com broke it'));
    const result = await invokeResolver(bed.deps, 'listConnections', {}, ADMIN);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'failed' }) });
    expect(bed.platform.log.entries).toEqual([
      { level: 'error', event: 'admin.resolver_failed', fields: { key: 'listConnections', error: 'TypeError' } },
    ]);
  });
});
