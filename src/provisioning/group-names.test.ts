import fc from 'fast-check';
import { lookAlikeKey, matchesGroupPattern } from './group-names';

// Latin letters and the characters Unicode lists as confusable with them, plus characters no one sees.
const LOOK_ALIKES: Record<string, string[]> = {
  a: ['\u0430', '\uFF41'],
  c: ['\u0441', '\u217D'],
  e: ['\u0435', '\uFF45'],
  i: ['\u0456', '\u0131', '\u2170'],
  o: ['\u043E', '\u03BF', '\uFF4F'],
  p: ['\u0440'],
  s: ['\u0455', '\u017F'],
  x: ['\u0445'],
  '-': ['\u2010', '\u2011', '\u2212', '\uFF0D'],
};
const INVISIBLE = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

const name = fc.string({ unit: fc.constantFrom(...'abcdeiopsxnrt-'.split('')), minLength: 1, maxLength: 24 });

/** The name with some letters swapped for look-alikes and invisible characters slipped in. */
const disguised = (plain: string) =>
  fc
    .tuple(...[...plain].map((ch) => fc.tuple(fc.constantFrom(ch, ...(LOOK_ALIKES[ch] ?? [])), fc.constantFrom('', '', ...INVISIBLE), fc.boolean())))
    .map((parts) => parts.map(([ch, invisible, upper]) => `${upper ? ch.toUpperCase() : ch}${invisible}`).join(''));

describe('lookAlikeKey', () => {
  it('gives a disguised name the key of the name it imitates', () => {
    fc.assert(
      fc.property(
        name.chain((plain) => fc.tuple(fc.constant(plain), disguised(plain))),
        ([plain, fake]) => lookAlikeKey(fake) === lookAlikeKey(plain),
      ),
    );
  });

  it('lets a disguised name match a protected name and a protected prefix', () => {
    fc.assert(
      fc.property(
        name.chain((plain) => fc.tuple(fc.constant(plain), disguised(plain))),
        ([plain, fake]) => matchesGroupPattern(plain, fake) && matchesGroupPattern(`${plain}*`, `${fake}-eu`),
      ),
    );
  });

  it('keeps names that look different apart', () => {
    expect(matchesGroupPattern('site-admins', 'site-admins-fans')).toBe(false);
    expect(matchesGroupPattern('site-admins', 'sales')).toBe(false);
    expect(matchesGroupPattern('jira-admins*', 'jira-users')).toBe(false);
    expect(lookAlikeKey('engineering')).not.toBe(lookAlikeKey('marketing'));
  });
});
