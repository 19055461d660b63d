import type { Scenario } from '../scenario';

const PREFIX = 'bench:item:';
const PAGE = 25;

/** The store port alone: per op one write, one read of it, and one query page under the same prefix. */
export const storeSetGetQuery: Scenario = {
  name: 'store.set-get-query',
  ops: 5000,
  async setup({ platform: { store } }) {
    return {
      async run(i) {
        const key = `${PREFIX}${String(i).padStart(8, '0')}`;
        await store.set(key, { n: i, note: 'x'.repeat(200) });
        await store.get(key);
        await store.query(PREFIX, { limit: PAGE });
      },
    };
  },
};
