import { flatOptions, optionGroups, sameOption, selectChange, selectedOptions } from './select-options';

const okta = { label: 'Okta', value: 'okta' };
const entra = { label: 'Entra', value: 'entra' };
const idcs = { label: 'IDCS', value: 'idcs' };

describe('select options', () => {
  it('keeps plain options and groups in order', () => {
    const options = [okta, { label: 'Oracle', options: [idcs] }, entra];
    expect(optionGroups(options)).toEqual([{ options: [okta] }, { label: 'Oracle', options: [idcs] }, { options: [entra] }]);
    expect(flatOptions(options)).toEqual([okta, idcs, entra]);
    expect(flatOptions(undefined)).toEqual([]);
  });

  it('matches options by value and reads single and multiple values', () => {
    expect(sameOption({ label: 'x', value: 1 }, { label: 'y', value: '1' })).toBe(true);
    expect(sameOption(okta, entra)).toBe(false);
    expect(selectedOptions(null)).toEqual([]);
    expect(selectedOptions(okta)).toEqual([okta]);
    expect(selectedOptions([okta, 'junk', entra])).toEqual([okta, entra]);
  });

  it('gives single selects the chosen option, or null with a clear action', () => {
    expect(selectChange(false, [], [okta], 'idp')).toEqual({ value: okta, actionMeta: { action: 'select-option', name: 'idp', option: okta } });
    expect(selectChange(false, [okta], [], 'idp')).toEqual({ value: null, actionMeta: { action: 'clear', name: 'idp', removedValues: [okta] } });
  });

  it('gives multi selects the whole selection and what was added or removed', () => {
    expect(selectChange(true, [okta], [okta, entra], undefined)).toEqual({
      value: [okta, entra],
      actionMeta: { action: 'select-option', name: undefined, option: entra },
    });
    expect(selectChange(true, [okta, entra], [entra], undefined)).toEqual({
      value: [entra],
      actionMeta: { action: 'remove-value', name: undefined, removedValue: okta },
    });
  });
});
