import { idcsBed, runToEnd } from '../../test/kit/pull-bed';
import { createConnection } from '../connections/connection-repository';
import { deleteConnection } from '../connections/delete-connection';
import { seedIdcs } from '../fakes/idp/fake-idcs';
import { acquireLease } from '../platform/lease';
import { saveProvisioningOptions } from '../provisioning/options-store';
import { setUserSyncState } from '../provisioning/sync-state';
import { recordActivity } from '../records/activity-log';
import { requestSummaryOp } from '../records/request-log';
import {
  atlassianSecretKey,
  connectionKeys,
  directoryKeys,
  pullKeys,
  pullLeaseName,
  pullSecretKey,
  sharedKeys,
  sortableKeyPart,
  hashKeyPart,
} from './keys';

const C = 'conn0000id01';
const ARG = 'arg0000id01';
const hidden = [ARG, sortableKeyPart(ARG), hashKeyPart(ARG), hashKeyPart(ARG.toLowerCase())];

/** The fixed part of a key: everything before the first argument it was built from. */
function kindOf(key: string): string {
  const cuts = hidden.map((part) => key.indexOf(part)).filter((at) => at >= 0);
  return cuts.length > 0 ? key.slice(0, Math.min(...cuts)) : key;
}

/** One sample key (or prefix) of every kind the registry spells, in the store. */
function storeKinds(connectionId: string): string[] {
  const d = directoryKeys(connectionId);
  return [
    d.user(ARG),
    d.userName(ARG),
    d.userExternalIdPrefix(ARG),
    d.userEmailPrefix(ARG),
    d.group(ARG),
    d.groupName(ARG),
    d.groupExternalIdPrefix(ARG),
    d.member(ARG, ARG),
    d.userGroup(ARG, ARG),
    d.counter('u', ARG),
    d.counter('g', ARG),
    connectionKeys.record(connectionId),
    connectionKeys.readSummaryState(connectionId),
    connectionKeys.options(connectionId),
    connectionKeys.changePrefix(connectionId),
    connectionKeys.requestPrefix(connectionId),
    connectionKeys.userSyncState(connectionId, ARG),
    connectionKeys.groupSyncState(connectionId, ARG),
    connectionKeys.listCursor(connectionId, ARG, ARG, 0),
    connectionKeys.activityPrefix(connectionId),
    connectionKeys.protectedAccounts(connectionId),
    connectionKeys.reevaluation(connectionId),
    connectionKeys.hold(connectionId, ARG),
    connectionKeys.removalBudget(connectionId, 0, ARG),
    pullKeys.config(connectionId),
    pullKeys.state(connectionId),
    pullKeys.run(connectionId, ARG),
    pullKeys.idSet(connectionId, ARG, ARG, 0),
    sharedKeys.lease(pullLeaseName(connectionId)),
    sharedKeys.activityPrefix,
    sharedKeys.ledgerEntry(ARG, ARG, connectionId),
    sharedKeys.groupCreator(ARG),
    sharedKeys.accountRegistration(ARG),
    sharedKeys.accountCreationIntent(ARG),
    sharedKeys.defaultConnection,
    sharedKeys.atlassianConfig,
  ].map(kindOf);
}

describe('storage key registry', () => {
  it('gives every kind of key its own prefix: none is the start of another, for one or several connections', () => {
    const kinds = [...new Set([...storeKinds(C), ...storeKinds('conn0000id02')])];
    const overlapping = kinds.flatMap((a, i) => kinds.filter((b, j) => i !== j && b.startsWith(a)).map((b) => `${a} / ${b}`));
    expect(overlapping).toEqual([]);
    const secrets = [atlassianSecretKey(ARG), pullSecretKey(C), pullSecretKey('conn0000id02')].map(kindOf);
    expect(secrets.filter((a, i) => secrets.some((b, j) => i !== j && b.startsWith(a)))).toEqual([]);
  });

  it('deleting a connection removes every key it owns and nothing of another connection or of the app', async () => {
    const bed = await idcsBed(seedIdcs(6, 2, 3));
    const { platform, connectionId: id } = bed;
    expect((await runToEnd(bed)).status).toBe('succeeded');
    await saveProvisioningOptions(platform.store, id, { createUsers: false });
    await setUserSyncState(platform.store, id, 'u1', { status: 'synced', at: '2026-01-01T00:00:00Z', customAttributes: {}, disabled: false });
    await platform.store.transact([requestSummaryOp(id, { at: '2026-01-01T00:00:00Z', method: 'GET', path: '/Users', status: 200 }, 0)]);
    await acquireLease(platform.store, platform.clock, pullLeaseName(id), 'holder', 60_000);
    await recordActivity(platform, { connectionId: id, actor: 'admin', subject: { kind: 'connection', id }, action: 'renamed', result: 'applied' });
    const { connection: other } = await createConnection(platform, { provider: 'okta', method: 'scim', name: 'Other' });
    await saveProvisioningOptions(platform.store, other.id, { createUsers: false });
    await recordActivity(platform, {
      connectionId: other.id,
      actor: 'admin',
      subject: { kind: 'connection', id: other.id },
      action: 'renamed',
      result: 'applied',
    });

    const keys = () => (platform.db.prepare('SELECT key FROM kv ORDER BY key').all() as { key: string }[]).map((row) => row.key);
    const before = keys();
    const kinds = storeKinds(id);
    // Every key stored is of a registered kind, and the connection has one of each kind a pull connection writes.
    expect(before.filter((key) => !kinds.some((kind) => key.startsWith(kind)) && !storeKinds(other.id).some((kind) => key.startsWith(kind)))).toEqual(
      [],
    );
    const ownKinds = [
      'u:',
      'un:',
      'g:',
      'gn:',
      'gm:',
      'ug:',
      'n:u:',
      'n:g:',
      'options',
      'chg:',
      'req:',
      'sync:user:',
      'pull:config',
      'pull:state',
      'pull:run:',
    ];
    expect(ownKinds.filter((kind) => !before.some((key) => key.startsWith(`c:${id}:${kind}`)))).toEqual([]);
    expect(before).toEqual(expect.arrayContaining([`conn:${id}`, `lease:pull:${id}`, expect.stringMatching(`^act:c:${id}:`)]));
    expect(await platform.secrets.get(pullSecretKey(id))).toBeDefined();

    expect(await deleteConnection(platform, id)).toMatchObject({ done: true });

    const after = keys();
    expect(after.filter((key) => key.includes(id))).toEqual([]);
    expect(after).toEqual(before.filter((key) => !key.includes(id)));
    expect(after.filter((key) => key.includes(other.id)).length).toBeGreaterThanOrEqual(3);
    expect(after.filter((key) => key.startsWith('act:all:')).length).toBe(before.filter((key) => key.startsWith('act:all:')).length);
    expect(await platform.secrets.get(pullSecretKey(id))).toBeUndefined();
  });
});
