import { MARK_SEEN_LIMIT, advanceMark, deltaFloor } from './delta-mark';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
const SKEW = 300_000;

describe('delta marks', () => {
  it('puts the floor the skew below the mark', () => {
    expect(deltaFloor({ lastModified: at(600), seen: [] }, SKEW)).toBe(at(300));
  });

  it('advances to the newest item and remembers only pairs inside the skew window', () => {
    const { fresh, mark } = advanceMark(
      undefined,
      [{ id: 'a', lastModified: at(0) }, { id: 'b', lastModified: at(1000) }, { id: 'c', lastModified: at(900) }, { id: 'd' }],
      SKEW,
    );
    expect(fresh.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(mark).toEqual({ lastModified: at(1000), seen: [`b|${at(1000)}`, `c|${at(900)}`] });
  });

  it('drops pairs delivered before, by id and lastModified together', () => {
    const since = { lastModified: at(1000), seen: [`b|${at(1000)}`] };
    const { fresh, mark } = advanceMark(
      undefined,
      [
        { id: 'b', lastModified: at(1000) },
        { id: 'b2', lastModified: at(1000) },
        { id: 'c', lastModified: at(800) },
      ],
      SKEW,
      since,
    );
    expect(fresh.map((item) => item.id)).toEqual(['b2', 'c']);
    expect(mark!.lastModified).toBe(at(1000));
    expect(mark!.seen.sort()).toEqual([`b|${at(1000)}`, `b2|${at(1000)}`, `c|${at(800)}`].sort());
  });

  it('keeps what the listing started from when nothing new comes', () => {
    const since = { lastModified: at(1000), seen: [`b|${at(1000)}`] };
    expect(advanceMark(undefined, [], SKEW, since)).toEqual({ fresh: [], mark: since });
    expect(advanceMark(undefined, [], SKEW)).toEqual({ fresh: [], mark: undefined });
  });

  it(`keeps at most ${MARK_SEEN_LIMIT} pairs, the newest`, () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ id: `u${i}`, lastModified: at(i) }));
    const { mark } = advanceMark(undefined, items, SKEW);
    expect(mark!.seen).toHaveLength(MARK_SEEN_LIMIT);
    expect(mark!.seen[0]).toBe(`u499|${at(499)}`);
  });
});
