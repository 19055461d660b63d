// The regular-expression subset admins may write, parsed into a tree. It is a subset of JavaScript's syntax with
// the same meaning: literals, escapes, `.`, classes, `^`/`$`, capturing and `(?:…)` groups, `|`, and greedy or
// lazy `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`. Lookaround, backreferences, named groups, `\b` and unicode
// escapes are refused with a message, because the machine in regex-machine.ts stays linear only without them.

/** Sorted, non-overlapping UTF-16 code unit ranges, inclusive; `negated` matches everything outside them. */
export interface CharSet {
  negated: boolean;
  ranges: ReadonlyArray<readonly [number, number]>;
}

export type RegexNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'assert'; at: 'start' | 'end' }
  | { kind: 'group'; capture: number | undefined; body: RegexNode }
  | { kind: 'sequence'; items: RegexNode[] }
  | { kind: 'alternation'; options: RegexNode[]; position: number }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number; lazy: boolean; position: number };

export interface ParsedRegex {
  root: RegexNode;
  groupCount: number;
}

export type ParseResult = { ok: true; regex: ParsedRegex } | { ok: false; error: string };

/** Counts above this are refused while parsing; the compiled size limit usually bites first. */
const MAX_REPEAT_COUNT = 1000;

type Range = readonly [number, number];

const MAX_CODE_UNIT = 0xffff;
const DIGITS: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const CLASS_ESCAPES: Record<string, Range[]> = {
  d: DIGITS,
  D: complement(DIGITS),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };
const SIMPLE_QUANTIFIERS = { '*': { min: 0, max: Infinity }, '+': { min: 1, max: Infinity }, '?': { min: 0, max: 1 } };
const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

class RegexSyntaxError extends Error {}

export function parseRegex(pattern: string): ParseResult {
  try {
    const parser = new Parser(pattern);
    return { ok: true, regex: parser.parse() };
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

class Parser {
  private position = 0;
  private groupCount = 0;

  constructor(private readonly pattern: string) {}

  parse(): ParsedRegex {
    const root = this.alternation();
    if (this.position < this.pattern.length) this.fail('unmatched )');
    return { root, groupCount: this.groupCount };
  }

  private alternation(): RegexNode {
    const position = this.position;
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.position++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alternation', options, position };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.position < this.pattern.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified());
    }
    return items.length === 1 ? items[0] : { kind: 'sequence', items };
  }

  private quantified(): RegexNode {
    const position = this.position;
    const atom = this.atom();
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.kind === 'assert') this.fail('nothing to repeat', position);
    const lazy = this.peek() === '?';
    if (lazy) this.position++;
    return { kind: 'repeat', body: atom, ...bounds, lazy, position };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const symbol = this.peek();
    if (symbol === '*' || symbol === '+' || symbol === '?') {
      this.position++;
      return SIMPLE_QUANTIFIERS[symbol];
    }
    const braces = QUANTIFIER_BRACES.exec(this.pattern.slice(this.position));
    if (!braces) return undefined;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    if (max < min) this.fail('numbers out of order in {n,m}');
    if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) {
      this.fail(`repeat counts above ${MAX_REPEAT_COUNT} are not supported`);
    }
    this.position += braces[0].length;
    return { min, max };
  }

  private atom(): RegexNode {
    const char = this.pattern[this.position];
    switch (char) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        this.position++;
        return { kind: 'chars', set: { negated: true, ranges: LINE_TERMINATORS } };
      case '^':
      case '$':
        this.position++;
        return { kind: 'assert', at: char === '^' ? 'start' : 'end' };
      case '\\':
        return { kind: 'chars', set: { negated: false, ranges: this.escape(false) } };
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      default:
        if (char === '{' && QUANTIFIER_BRACES.test(this.pattern.slice(this.position))) this.fail('nothing to repeat');
        this.position++;
        return literal(char.charCodeAt(0));
    }
  }

  private group(): RegexNode {
    const start = this.position;
    this.position++;
    let capture: number | undefined;
    if (this.pattern.startsWith('?:', this.position)) {
      this.position += 2;
    } else if (/^\?<?[=!]/.test(this.pattern.slice(this.position))) {
      this.fail('lookaround such as (?=…) or (?!…) is not supported', start);
    } else if (this.peek() === '?') {
      this.fail('named groups and inline flags are not supported; use (…) or (?:…)', start);
    } else {
      capture = ++this.groupCount;
    }
    const body = this.alternation();
    if (this.peek() !== ')') this.fail('missing )', start);
    this.position++;
    return { kind: 'group', capture, body };
  }

  private charClass(): RegexNode {
    const start = this.position;
    this.position++;
    const negated = this.peek() === '^';
    if (negated) this.position++;
    const ranges: Range[] = [];
    while (this.peek() !== ']') {
      if (this.position >= this.pattern.length) this.fail('missing ]', start);
      const from = this.classAtom();
      if (this.peek() === '-' && this.pattern[this.position + 1] !== ']' && this.position + 1 < this.pattern.length) {
        this.position++;
        const to = this.classAtom();
        if (from.length !== 1 || to.length !== 1 || from[0][0] !== from[0][1] || to[0][0] !== to[0][1]) {
          this.fail('a range in [...] must run between two single characters');
        }
        if (to[0][0] < from[0][0]) this.fail('range out of order in [...]');
        ranges.push([from[0][0], to[0][0]]);
      } else {
        ranges.push(...from);
      }
    }
    this.position++;
    return { kind: 'chars', set: { negated, ranges: normalise(ranges) } };
  }

  private classAtom(): Range[] {
    if (this.peek() === '\\') return this.escape(true);
    const code = this.pattern.charCodeAt(this.position++);
    return [[code, code]];
  }

  private escape(inClass: boolean): Range[] {
    const start = this.position;
    const char = this.pattern[this.position + 1];
    if (char === undefined) this.fail('\\ at the end of the pattern', start);
    this.position += 2;
    if (char in CLASS_ESCAPES) return CLASS_ESCAPES[char];
    if (char in CONTROL_ESCAPES) return [[CONTROL_ESCAPES[char], CONTROL_ESCAPES[char]]];
    if (/[1-9]/.test(char)) this.fail('backreferences (\\1) are not supported', start);
    if (char === 'b' || char === 'B') {
      this.fail(inClass ? '\\b inside [...] is not supported' : 'word boundaries (\\b, \\B) are not supported', start);
    }
    if (/[A-Za-z0-9]/.test(char)) this.fail(`unknown escape \\${char}`, start);
    const code = char.charCodeAt(0);
    return [[code, code]];
  }

  private peek(): string | undefined {
    return this.pattern[this.position];
  }

  private fail(message: string, position = this.position): never {
    throw new RegexSyntaxError(`${message} (at position ${position + 1})`);
  }
}

function literal(code: number): RegexNode {
  return { kind: 'chars', set: { negated: false, ranges: [[code, code]] } };
}

function normalise(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function complement(ranges: Range[]): Range[] {
  const result: Range[] = [];
  let next = 0;
  for (const [from, to] of normalise(ranges)) {
    if (from > next) result.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_UNIT) result.push([next, MAX_CODE_UNIT]);
  return result;
}
