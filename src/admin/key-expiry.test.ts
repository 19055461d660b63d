import { adminBed } from '../../test/kit/admin-bed';
import { FakeClock } from '../../test/kit/fake-clock';

const DAY = 86_400_000;
const day = (clock: FakeClock, days: number) => new Date(clock.now() + days * DAY).toISOString().slice(0, 10);

describe('Atlassian key expiry', () => {
  it('records when each key was saved and when it expires, and warns 30 days ahead, through a sequence of saves', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T09:00:00Z'));
    const bed = await adminBed({ clock });
    const { config, keyDates } = await bed.data('getCredentials', {});
    // The sandbox's keys were saved when the installation started: a directory key lives a year from then.
    expect(keyDates.directoryKey).toEqual({ savedAt: '2026-03-01T09:00:00.000Z', expiresOn: '2027-03-01', entered: false });
    expect(keyDates.siteToken).toEqual({ savedAt: '2026-03-01T09:00:00.000Z', entered: false });
    expect(await bed.data('getKeyExpiry', {})).toEqual([]);

    // An org key with the expiry Atlassian showed when it was created.
    await clock.advance(100 * DAY);
    const orgExpiry = day(clock, 40);
    const saved = await bed.data('saveCredentials', {
      config: { ...config, orgId: 'org-1', orgDirectoryId: 'dir-1' },
      secrets: { orgKey: 'org-key-value' },
      expiresOn: { orgKey: orgExpiry },
    });
    expect(saved.keyDates.orgKey).toEqual({ savedAt: new Date(clock.now()).toISOString(), expiresOn: orgExpiry, entered: true });
    expect(saved.expiry).toEqual([]);

    // Eleven days later the org key is inside the 30 days; the directory key is not yet.
    await clock.advance(11 * DAY);
    expect(await bed.data('getKeyExpiry', {})).toEqual([
      {
        kind: 'orgKey',
        appearance: 'warning',
        message: `The organization API key expires on ${orgExpiry}, in 29 days. Create a new one before then and save it here.`,
      },
    ]);

    // Saving unrelated settings keeps every date; entering the directory key's real expiry replaces the assumed year.
    await bed.data('saveCredentials', { config: { ...saved.config, useAsApp: true } });
    const entered = day(clock, 20);
    const after = await bed.data('saveCredentials', { config: saved.config, expiresOn: { directoryKey: entered } });
    expect(after.keyDates.orgKey?.expiresOn).toBe(orgExpiry);
    expect(after.keyDates.directoryKey).toEqual({ savedAt: '2026-03-01T09:00:00.000Z', expiresOn: entered, entered: true });
    expect(after.expiry.map((notice) => notice.kind)).toEqual(['orgKey', 'directoryKey']);

    // Past the day: an error that says Atlassian refuses it.
    await clock.advance(21 * DAY);
    const expired = await bed.data('getKeyExpiry', {});
    expect(expired.find((notice) => notice.kind === 'directoryKey')).toEqual({
      kind: 'directoryKey',
      appearance: 'error',
      message: `The directory API key expired on ${entered}. Atlassian refuses it (401), so nothing is provisioned through it: create a new one and save it here.`,
    });

    // A new directory key starts a new year; a cleared org key has no date left to warn about.
    const renewed = await bed.data('saveCredentials', {
      config: after.config,
      secrets: { directoryKey: 'new-directory-key' },
      clearSecrets: ['orgKey'],
    });
    expect(renewed.keyDates.directoryKey).toEqual({ savedAt: new Date(clock.now()).toISOString(), expiresOn: day(clock, 365), entered: false });
    expect(renewed.keyDates.orgKey).toBeUndefined();
    expect(renewed.expiry).toEqual([]);
    expect(await bed.data('getKeyExpiry', {})).toEqual([]);
  });

  it('says when the assumed year runs out, and asks for the date of a directory key saved before dates were recorded', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T09:00:00Z'));
    const bed = await adminBed({ clock });
    await clock.advance(340 * DAY);
    expect(await bed.data('getKeyExpiry', {})).toEqual([
      {
        kind: 'directoryKey',
        appearance: 'warning',
        message: expect.stringMatching(/^The directory API key expires on 2027-03-01, in 25 days \(a year after it was saved here/),
      },
    ]);
    await bed.platform.store.delete('atlassian:key-dates');
    expect(await bed.data('getKeyExpiry', {})).toEqual([
      { kind: 'directoryKey', appearance: 'warning', message: expect.stringContaining('enter its expiry date') },
    ]);
  });

  it('puts a malformed expiry date on its field', async () => {
    const bed = await adminBed();
    const result = await bed.call('saveCredentials', { config: {}, expiresOn: { orgKey: '31/12/2026' } });
    expect(!result.ok && result.error.fields).toEqual({ 'expiresOn.orgKey': 'Enter the expiry date as YYYY-MM-DD.' });
  });

  it('when Atlassian answers 401, says the key may have expired and when it was saved and expires', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T09:00:00Z'));
    const bed = await adminBed({ clock });
    const { config } = await bed.data('getCredentials', {});
    await bed.data('saveCredentials', {
      config,
      secrets: { directoryKey: 'a-key-atlassian-no-longer-takes' },
      clearSecrets: ['siteToken'],
      expiresOn: { directoryKey: '2026-02-28' },
    });
    const test = await bed.data('testCredentials', {});
    const directory = test.results.find((result) => result.credential === 'directoryKey');
    expect(directory).toMatchObject({ ok: false });
    expect(directory?.detail).toContain('may have expired');
    expect(directory?.detail).toContain('The directory API key was saved here on 2026-03-01, and expires on 2026-02-28.');
  });
});
