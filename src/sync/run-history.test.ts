import { seedIdcs } from '../fakes/idp/seed-idcs';
import { getRunStatus, listRunHistory } from './run-history';
import { idcsBed, runToEnd } from '../../test/kit/pull-bed';

describe('run history', () => {
  it('lists runs newest first, page by page, with progress and no internals', async () => {
    const bed = await idcsBed(seedIdcs(3, 1, 2));
    const runs = [];
    for (const mode of ['full', 'delta', 'delta'] as const) {
      runs.push(await runToEnd(bed, mode));
      await bed.platform.clock.advance(60_000);
    }
    const first = await listRunHistory(bed.platform, bed.connectionId, { limit: 2 });
    expect(first.runs.map((run) => run.id)).toEqual([runs[2]!.id, runs[1]!.id]);
    const rest = await listRunHistory(bed.platform, bed.connectionId, { limit: 2, cursor: first.cursor });
    expect(rest.runs.map((run) => run.id)).toEqual([runs[0]!.id]);
    expect(Object.keys(first.runs[0]!).sort()).toEqual([
      'connectionId',
      'finishedAt',
      'id',
      'message',
      'mode',
      'phase',
      'progress',
      'startedAt',
      'status',
      'trigger',
      'updatedAt',
    ]);
    expect(first.runs[1]).toMatchObject({ mode: 'delta', status: 'succeeded', progress: { pages: expect.any(Number), users: { seen: 0 } } });
    expect(await getRunStatus(bed.platform, bed.connectionId)).toEqual(first.runs[0]);
    expect(await getRunStatus(bed.platform, bed.connectionId, 'nosuchrun')).toBeUndefined();
  });
});
