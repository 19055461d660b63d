import { adminBed } from '../../test/kit/admin-bed';
import { invokeResolver } from './resolver-definitions';

describe('page preferences', () => {
  it('remembers the selected app and the Activity filter per administrator, merging what each save gives', async () => {
    const bed = await adminBed();
    const as = (accountId: string) => (key: string, payload: unknown) => invokeResolver(bed.deps, key, payload, { accountId });
    const ada = as('acc-ada');
    expect(await ada('getPagePreferences', {})).toEqual({ ok: true, data: {} });
    await ada('savePagePreferences', { selectedConnectionId: 'abcdefgh12' });
    await ada('savePagePreferences', { activity: { result: 'problem', text: 'sales' } });
    expect(await ada('getPagePreferences', {})).toEqual({
      ok: true,
      data: { selectedConnectionId: 'abcdefgh12', activity: { result: 'problem', text: 'sales' } },
    });
    expect(await as('acc-bob')('getPagePreferences', {})).toEqual({ ok: true, data: {} });
    const refused = await ada('savePagePreferences', { activity: { result: 'everything' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', fields: { 'activity.result': expect.any(String) } } });
  });
});
