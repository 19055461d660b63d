import type { Secrets, Store } from '../../src/platform/ports';
import { StoreLimitError } from '../../src/platform/store-errors';

export interface SecretsFixture {
  secrets: Secrets;
  /** The store of the same runtime, to prove secrets never show up in it. */
  store: Store;
  teardown?: () => void | Promise<void>;
}

export function describeSecretsContract(name: string, factory: () => SecretsFixture | Promise<SecretsFixture>): void {
  describe(`Secrets contract: ${name}`, () => {
    let fixture: SecretsFixture;
    let secrets: Secrets;

    beforeEach(async () => {
      fixture = await factory();
      secrets = fixture.secrets;
    });

    afterEach(async () => {
      await fixture.teardown?.();
    });

    it('reads an absent secret as undefined', async () => {
      expect(await secrets.get('conn:1:idcs')).toBeUndefined();
    });

    it('stores, replaces and deletes a secret', async () => {
      await secrets.set('conn:1:idcs', 'client-secret-1');
      expect(await secrets.get('conn:1:idcs')).toBe('client-secret-1');
      await secrets.set('conn:1:idcs', 'client-secret-2');
      expect(await secrets.get('conn:1:idcs')).toBe('client-secret-2');
      await secrets.delete('conn:1:idcs');
      expect(await secrets.get('conn:1:idcs')).toBeUndefined();
    });

    it('deletes an absent secret without complaint', async () => {
      await expect(secrets.delete('never-set')).resolves.toBeUndefined();
    });

    it('keeps secrets apart from the store', async () => {
      await secrets.set('shared:key', 'secret');
      const version = await fixture.store.set('shared:key', 'plain');
      expect(await secrets.get('shared:key')).toBe('secret');
      expect((await fixture.store.query('')).items).toEqual([{ key: 'shared:key', value: 'plain', version }]);
      await fixture.store.delete('shared:key');
      expect(await secrets.get('shared:key')).toBe('secret');
    });

    it('refuses keys Forge refuses', async () => {
      await expect(secrets.set('api/key', 'x')).rejects.toBeInstanceOf(StoreLimitError);
      await expect(secrets.get('user@example.com')).rejects.toBeInstanceOf(StoreLimitError);
      await expect(secrets.delete('')).rejects.toBeInstanceOf(StoreLimitError);
    });
  });
}
