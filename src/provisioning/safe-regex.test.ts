import fc from 'fast-check';
import {
  applyRegexReplacement,
  checkRegexRule,
  compileSafeRegex,
  MAX_INPUT_LENGTH,
  MAX_PATTERN_LENGTH,
  previewRegex,
  type SafeRegex,
} from './safe-regex';

const LITERALS = ['a', 'b', 'A', '-', '@', '\\.', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c]', '[A-Z0-9]', '1'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?', '+?', '??'];
const INPUT_UNITS = ['a', 'b', 'A', 'B', '-', '.', '@', '1', ' ', 'c'];

/** Patterns in the supported syntax, nested up to a few levels; many of them have shapes the checker refuses. */
const patternArb: fc.Arbitrary<string> = (() => {
  const expression: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? term(1)
      : fc.oneof(
          term(depth),
          fc.tuple(term(depth), expression(depth - 1)).map(([left, right]) => `${left}|${right}`),
        ),
  );
  const atom = (depth: number): fc.Arbitrary<string> =>
    depth <= 1
      ? fc.constantFrom(...LITERALS)
      : fc.oneof(
          fc.constantFrom(...LITERALS),
          expression(depth - 1).map((inner) => `(${inner})`),
          expression(depth - 1).map((inner) => `(?:${inner})`),
        );
  const term = (depth: number) =>
    fc
      .array(
        fc.tuple(atom(depth), fc.constantFrom(...QUANTIFIERS)).map(([piece, quantifier]) => piece + quantifier),
        { minLength: 1, maxLength: 4 },
      )
      .map((pieces) => pieces.join(''));
  return fc.tuple(fc.boolean(), expression(3), fc.boolean()).map(([start, body, end]) => `${start ? '^' : ''}${body}${end ? '$' : ''}`);
})();

const acceptedPatternArb = patternArb.filter((pattern) => compileSafeRegex(pattern).ok);
const inputArb = fc.string({ unit: fc.constantFrom(...INPUT_UNITS), maxLength: 12 });

function compiled(pattern: string): SafeRegex {
  const result = compileSafeRegex(pattern);
  if (!result.ok) throw new Error(`expected ${pattern} to compile: ${result.error}`);
  return result.regex;
}

describe('compileSafeRegex refuses catastrophic shapes', () => {
  it.each([
    ['(a+)+', /nested quantifier/i],
    ['(a*)*b', /nested quantifier/i],
    ['(x+x+)+y', /nested quantifier/i],
    ['(\\w+\\s?)*$', /nested quantifier/i],
    ['(.*a){20}', /nested quantifier/i],
    ['(a?){25}a{25}', /nested quantifier/i],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', /nested quantifier/i],
    ['(a|a)*', /alternation inside a repeated group/i],
    ['(a|aa)+$', /alternation inside a repeated group/i],
    ['(?:com|org){2}', /alternation inside a repeated group/i],
    ['((a)\\2)+', /backreferences/i],
    ['(a)\\1*', /backreferences/i],
    ['(a)\\1', /backreferences/i],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), /longer than 200/],
    ['(?:a{1000}){1000}', /too complex/],
    ['a{1001}', /above 1000/],
  ])('%s', (pattern, message) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it.each([
    ['(?=a)', /lookaround/],
    ['(?<!a)b', /lookaround/],
    ['(?<name>a)', /named groups/],
    ['(?i)a', /inline flags/],
    ['\\bword', /word boundaries/],
    ['\\u0041', /unknown escape/],
    ['a**', /nothing to repeat/],
    ['{2}', /nothing to repeat/],
    ['(a', /missing \)/],
    ['a)', /unmatched \)/],
    ['[a-', /missing \]/],
    ['[z-a]', /out of order/],
    ['a{3,2}', /out of order/],
    ['\\', /end of the pattern/],
  ])('refuses unsupported or invalid syntax %s', (pattern, message) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('accepts the patterns admins write', () => {
    for (const pattern of [
      '(.*)@.*',
      '(.*)@corp\\.local',
      '^jira-(.+)$',
      '[A-Za-z0-9._%+-]+@example\\.com',
      '(?:\\d{3}-)+\\d+',
      'a*a*a*b',
      '^$',
      '',
    ]) {
      expect(compileSafeRegex(pattern).ok).toBe(true);
    }
  });

  it('refuses every pattern that wraps a quantified or alternating group in a repeat', () => {
    const unit = fc.constantFrom('a', '\\d', '[ab]', '.', '\\w');
    const inner = fc.oneof(
      fc.tuple(unit, fc.constantFrom('+', '*', '{1,4}', '?', '+?')).map(([u, q]) => u + q),
      fc.tuple(unit, unit).map(([left, right]) => `${left}|${right}`),
    );
    const outer = fc.constantFrom('+', '*', '{2,}', '{3}', '{1,5}');
    const context = fc.constantFrom('', '^', 'x', 'b*');
    fc.assert(
      fc.property(context, inner, fc.boolean(), outer, context, (before, body, capturing, quantifier, after) => {
        const pattern = `${before}(${capturing ? '' : '?:'}${body})${quantifier}${after}`;
        expect(compileSafeRegex(pattern).ok).toBe(false);
      }),
    );
  });
});

describe('running a compiled regex', () => {
  it('finds the same leftmost match and groups as JavaScript (case-insensitive)', () => {
    fc.assert(
      fc.property(acceptedPatternArb, inputArb, (pattern, input) => {
        const native = new RegExp(pattern, 'i').exec(input);
        const execution = compiled(pattern).exec(input);
        if (!native) {
          expect(execution.outcome).toBe('noMatch');
        } else {
          expect(execution.outcome).toBe('match');
          if (execution.outcome === 'match') {
            expect(execution.match.index).toBe(native.index);
            expect(execution.match.groups).toEqual([...native]);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('stays within instructions × (input length + 1) steps on adversarial input', () => {
    const adversarial = fc
      .tuple(
        fc.constantFrom('a', 'ab', 'a-', 'aA1', ' a', '@a.'),
        fc.integer({ min: 0, max: MAX_INPUT_LENGTH - 1 }),
        fc.constantFrom('', '!', 'b', '@'),
      )
      .map(([unit, length, tail]) => (unit.repeat(Math.ceil(length / unit.length)).slice(0, length) + tail).slice(0, MAX_INPUT_LENGTH));
    fc.assert(
      fc.property(acceptedPatternArb, adversarial, (pattern, input) => {
        const regex = compiled(pattern);
        const execution = regex.exec(input);
        expect(execution.outcome).not.toBe('inputTooLong');
        if (execution.outcome !== 'inputTooLong') expect(execution.steps).toBeLessThanOrEqual(regex.instructionCount * (input.length + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('runs a polynomial shape on the longest input in linear steps', () => {
    const regex = compiled('a*a*a*a*a*b');
    const execution = regex.exec('a'.repeat(MAX_INPUT_LENGTH));
    expect(execution.outcome).toBe('noMatch');
    if (execution.outcome === 'noMatch') expect(execution.steps).toBeLessThanOrEqual(regex.instructionCount * (MAX_INPUT_LENGTH + 1));
  });

  it('refuses input longer than the cap', () => {
    expect(compiled('a').exec('a'.repeat(MAX_INPUT_LENGTH + 1))).toEqual({ outcome: 'inputTooLong' });
  });
});

describe('applyRegexReplacement', () => {
  it.each([
    // The Data Center app's documentation: "(.*)@.* as regex and $1 as replacement" turns demouser@gmail.com into demouser.
    [{ pattern: '(.*)@.*', replacement: '$1' }, 'demouser@gmail.com', { outcome: 'match', result: 'demouser' }],
    // The domain rewrite that shapes the email we match and create with.
    [{ pattern: '(.*)@corp\\.local', replacement: '$1@corp.com' }, 'jdoe@corp.local', { outcome: 'match', result: 'jdoe@corp.com' }],
    [{ pattern: '(.*)@corp\\.local', replacement: '$1@corp.com' }, 'JDoe@CORP.LOCAL', { outcome: 'match', result: 'JDoe@corp.com' }],
    [{ pattern: '(.*)@corp\\.local', replacement: '$1@corp.com' }, 'jdoe@corp.com', { outcome: 'noMatch', result: 'jdoe@corp.com' }],
    [{ pattern: 'corp', replacement: 'acme' }, 'corp-corp', { outcome: 'match', result: 'acme-corp' }],
    [{ pattern: '^(\\w+)\\.(\\w+)$', replacement: '$2, $1' }, 'jane.doe', { outcome: 'match', result: 'doe, jane' }],
    [{ pattern: 'b+', replacement: '[$0]' }, 'abbbc', { outcome: 'match', result: 'a[bbb]c' }],
    [{ pattern: 'x', replacement: '$$' }, 'axb', { outcome: 'match', result: 'a$b' }],
    [{ pattern: '(a)', replacement: '$10' }, 'a', { outcome: 'match', result: 'a0' }],
    [{ pattern: '(a)|(b)', replacement: '<$2>' }, 'a', { outcome: 'match', result: '<>' }],
  ])('%o on %s', (rule, input, expected) => {
    expect(applyRegexReplacement(rule, input)).toEqual(expected);
  });

  it('reports rule errors instead of throwing', () => {
    expect(applyRegexReplacement({ pattern: '(a+)+', replacement: '' }, 'aaa')).toMatchObject({
      outcome: 'error',
      message: expect.stringMatching(/nested/i),
    });
    expect(applyRegexReplacement({ pattern: '(a)', replacement: '$2' }, 'a')).toMatchObject({
      outcome: 'error',
      message: expect.stringMatching(/\$2 refers to group 2/),
    });
    expect(applyRegexReplacement({ pattern: 'a', replacement: 'x' }, 'a'.repeat(MAX_INPUT_LENGTH + 1))).toMatchObject({ outcome: 'error' });
  });

  it('is the identity when the pattern does not match', () => {
    fc.assert(
      fc.property(acceptedPatternArb, inputArb, fc.constantFrom('', 'x', '$0$0', '$$'), (pattern, input, replacement) => {
        fc.pre(!new RegExp(pattern, 'i').test(input));
        expect(applyRegexReplacement({ pattern, replacement }, input)).toEqual({ outcome: 'noMatch', result: input });
      }),
    );
  });

  it('replaces the first match like String.prototype.replace', () => {
    fc.assert(
      fc.property(acceptedPatternArb, inputArb, (pattern, input) => {
        const result = applyRegexReplacement({ pattern, replacement: '<$0>' }, input);
        if (result.outcome === 'error') throw new Error(result.message);
        expect(result.result).toBe(input.replace(new RegExp(pattern, 'i'), '<$&>'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkRegexRule', () => {
  it('names the field to fix', () => {
    expect(checkRegexRule({ pattern: '(.*)@.*', replacement: '$1' })).toBeUndefined();
    expect(checkRegexRule({ pattern: '(a|a)*', replacement: '' })).toMatchObject({ field: 'pattern' });
    expect(checkRegexRule({ pattern: '(.*)@.*', replacement: '$2' })).toEqual({
      field: 'replacement',
      message: '$2 refers to group 2, but the pattern has 1 group.',
    });
    expect(checkRegexRule({ pattern: '.*', replacement: 'US$' })).toMatchObject({ field: 'replacement', message: expect.stringMatching(/\$\$/) });
  });
});

describe('previewRegex', () => {
  it('shows match, no match and result for each sample', () => {
    expect(previewRegex({ pattern: '^(.*)@corp\\.local$', replacement: '$1@corp.com' }, ['ann@corp.local', 'bob@corp.com'])).toEqual([
      { sample: 'ann@corp.local', outcome: 'match', result: 'ann@corp.com' },
      { sample: 'bob@corp.com', outcome: 'noMatch', result: 'bob@corp.com' },
    ]);
  });

  it('shows the error on every sample when the rule is unusable', () => {
    const rows = previewRegex({ pattern: '(a+)+$', replacement: '' }, ['aaaa!', 'b']);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ outcome: 'error', message: expect.stringMatching(/nested quantifier/i) });
  });
});
