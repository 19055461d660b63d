import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../kit/eventually';
import { startRuntimeBed, type RuntimeBed } from '../kit/runtime-bed';

// `npm start` stopped and started again on the same data directory: the sandbox site is kept there with the
// app's own store, so what the app believes it synced is still on the site, and no account id is handed out twice.

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('npm start after a restart', () => {
  let dataDir: string;
  let harness: RuntimeBed | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ugs-restart-'));
  });
  afterEach(async () => {
    await harness?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const siteUser = (email: string) => harness!.runtime.world.sandbox.snapshot().users.find((user) => user.email === email);
  const createUser = async (userName: string, displayName: string) => {
    const response = await harness!.scim('/Users', {
      method: 'POST',
      body: { schemas: [USER], userName, displayName, emails: [{ value: userName, primary: true }] },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const patchUser = (id: string, value: Record<string, unknown>) =>
    harness!.scim(`/Users/${id}`, {
      method: 'PATCH',
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value }] },
    });

  it('keeps the sandbox site, so that later changes reach the accounts the app linked before', async () => {
    harness = await startRuntimeBed({ dataDir });
    const ada = await createUser('ada@example.com', 'Ada Lovelace');
    const adaAccount = (await eventually(() => siteUser('ada@example.com')))!.accountId;
    await harness.stop();

    harness = await startRuntimeBed({ dataDir });
    expect(siteUser('ada@example.com')).toMatchObject({ accountId: adaAccount, displayName: 'Ada Lovelace', active: true });

    await createUser('grace@example.com', 'Grace Hopper');
    const grace = await eventually(() => siteUser('grace@example.com'));
    expect(grace!.accountId).not.toBe(adaAccount);

    expect((await patchUser(ada, { active: false })).status).toBe(200);
    await eventually(() => (siteUser('ada@example.com')?.active === false || siteUser('ada@example.com')?.suspended ? true : undefined));
    expect((await patchUser(ada, { active: true, displayName: 'Ada King' })).status).toBe(200);
    await eventually(() => (siteUser('ada@example.com')?.displayName === 'Ada King' ? true : undefined));
    expect(siteUser('grace@example.com')).toMatchObject({ accountId: grace!.accountId, displayName: 'Grace Hopper' });
  }, 60_000);
});
