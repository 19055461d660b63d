import { adminBed, type AdminBed } from '../../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../../test/kit/render-admin-page';
import { PROVISIONING_QUEUE } from '../../provisioning/jobs';
import { setUserSyncState } from '../../provisioning/sync-state';
import { recordActivity } from '../../records/activity-log';

const at = '2026-01-01T00:00:00.000Z';

async function withUsers(bed: AdminBed) {
  const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
  const client = bed.scim(connection.id, scim!.token);
  const ada = (
    await client.post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada@example.com',
      displayName: 'Ada Lovelace',
      active: true,
    })
  ).body.id as string;
  const alan = (
    await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'alan@example.com', displayName: 'Alan Turing' })
  ).body.id as string;
  await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering' });
  await setUserSyncState(bed.platform.store, connection.id, ada, {
    status: 'synced',
    at,
    accountId: 'acc-ada',
    customAttributes: { Department: 'Analytical Engines' },
    disabled: false,
  });
  await setUserSyncState(bed.platform.store, connection.id, alan, {
    status: 'failed',
    at,
    lastError: 'Creating users needs a directory API key or an org API key.',
    customAttributes: {},
    disabled: false,
  });
  return { connectionId: connection.id, ada, alan };
}

describe('the Users & groups, Activity and Dry run tabs', () => {
  it('shows users with their sync state and custom attributes; a failed one says why and can be retried', async () => {
    const bed = await adminBed();
    const { connectionId, alan } = await withUsers(bed);
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Users & groups', 'Tab'));
    const users = ui.find({ type: 'DynamicTable', props: { caption: 'Users (2 from the IdP)' } });
    expect(ui.text(users)).toContain('Ada Lovelace ada@example.com active synced');
    expect(ui.text(users)).toContain('acc-ada Department: Analytical Engines');
    expect(ui.text(users)).toContain('Alan Turing alan@example.com active not set failed');
    expect(ui.text(users)).toContain('Creating users needs a directory API key or an org API key.');
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Groups (1 from the IdP)' } }))).toContain('Engineering');

    bed.platform.queue.pushed.length = 0;
    await ui.click(ui.byText('Retry', 'Button'));
    expect(bed.platform.queue.pushed).toEqual([{ queueName: PROVISIONING_QUEUE, event: { body: { connectionId, kind: 'user', subjectId: alan } } }]);
    expect(ui.flags).toEqual([expect.objectContaining({ title: 'Queued for another try' })]);
  });

  it('pages the users table 25 rows a page, and shows the page that Load more added', async () => {
    const bed = await adminBed();
    const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const client = bed.scim(connection.id, scim!.token);
    for (let n = 0; n < 30; n++)
      await client.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `user${String(n).padStart(2, '0')}@example.com`,
      });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Users & groups', 'Tab'));
    const table = () => ui.find({ type: 'DynamicTable', props: { caption: 'Users (30 from the IdP)' } });
    expect(table().props.rowsPerPage).toBe(25);
    expect(ui.text(table())).toContain('user24@example.com');
    expect(ui.text(table())).not.toContain('user25@example.com');

    await ui.click(ui.byText('Load more', 'LoadingButton'));
    expect(ui.text(table())).toContain('user29@example.com');
    expect(ui.text(table())).not.toContain('user00@example.com');
    await ui.goToPage(table(), 1);
    expect(ui.text(table())).toContain('user00@example.com');
  });

  it('pages the groups table too', async () => {
    const bed = await adminBed();
    const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const client = bed.scim(connection.id, scim!.token);
    for (let n = 0; n < 30; n++)
      await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `team-${String(n).padStart(2, '0')}` });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Users & groups', 'Tab'));
    const table = () => ui.find({ type: 'DynamicTable', props: { caption: 'Groups (30 from the IdP)' } });
    expect(ui.text(table())).not.toContain('team-25');
    await ui.click(ui.byText('Load more groups', 'LoadingButton'));
    expect(ui.text(table())).toContain('team-29');
    expect(ui.text(table())).not.toContain('team-00');
  });

  it('filters users by sync status and text', async () => {
    const bed = await adminBed();
    await withUsers(bed);
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Users & groups', 'Tab'));
    await ui.select(ui.byLabel('Sync status'), 'failed');
    const failed = ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Users (2 from the IdP)' } }));
    expect(failed).toContain('Alan Turing');
    expect(failed).not.toContain('Ada Lovelace');
    await ui.select(ui.byLabel('Sync status'), 'Any status');
    await ui.fill(ui.byLabel('Name or email contains'), 'ada');
    await ui.click(ui.byText('Search', 'Button'));
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Users (2 from the IdP)' } }))).not.toContain('Alan Turing');
  });

  it('lists activity filtered by app, result and text, with a retry on failed items', async () => {
    const bed = await adminBed();
    const { connectionId, alan } = await withUsers(bed);
    await recordActivity(bed.platform, {
      connectionId,
      actor: 'provisioning',
      subject: { kind: 'user', id: alan, label: 'alan@example.com' },
      action: 'create user',
      result: 'failed',
      reason: 'Creating users needs a directory API key.',
      retryable: true,
    });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Activity', 'Tab'));
    const table = () => ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Activity' } }));
    expect(table()).toContain('Okta provisioning user alan@example.com create user failed Creating users needs a directory API key. Retry');
    expect(table()).toContain('admin connection Okta connection created applied');

    await ui.select(ui.byLabel('Result'), 'failed');
    expect(table()).not.toContain('connection created');
    await ui.select(ui.byLabel('Result'), 'Any result');
    await ui.fill(ui.byLabel('Contains'), 'no such thing');
    await ui.click(ui.byText('Search', 'Button'));
    expect(ui.text()).toContain('Nothing here');
    await ui.fill(ui.byLabel('Contains'), '');
    await ui.click(ui.byText('Search', 'Button'));
    await ui.click(ui.byText('Retry', 'Button'));
    expect(ui.invocations.at(-1)).toEqual({ functionKey: 'retrySubject', payload: { connectionId, kind: 'user', subjectId: alan } });
  });

  it('shows the dry-run plan of the selected app', async () => {
    const bed = await adminBed();
    await withUsers(bed);
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Dry run', 'Tab'));
    await ui.click(ui.byText('Show the plan', 'LoadingButton'));
    expect(ui.text()).toContain('2 of 2 users planned.');
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Plan' } }))).toContain('ada@example.com');
  });
});
