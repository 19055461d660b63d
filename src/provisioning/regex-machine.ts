// Runs a parsed regex as a small program on a backtracking machine that never does the same work twice
// (the "bit-state" backtracker of RE2): it marks every (instruction, input position) pair it explores and
// abandons a thread that reaches a marked pair. Without backreferences, whether a thread starting at that pair
// can still succeed does not depend on how it got there, so a marked pair has already failed, or is being
// explored by an ancestor of the thread (an iteration that matched nothing, which JavaScript also rejects).
// Every run therefore takes at most `program.length * (input.length + 1)` steps, whatever the pattern, and
// returns the same leftmost match and groups as JavaScript's backtracking engine would.
//
// Matching is case-insensitive: every pattern the app runs matches emails or group names, which Atlassian
// treats case-insensitively.

import type { CharSet, ParsedRegex, RegexNode } from './regex-syntax';

type Instruction =
  | { op: 'char'; set: CharSet }
  | { op: 'split'; first: number; second: number }
  | { op: 'jump'; to: number }
  | { op: 'save'; slot: number }
  | { op: 'clear'; from: number; to: number }
  | { op: 'assert'; at: 'start' | 'end' }
  | { op: 'match' };

type Split = Extract<Instruction, { op: 'split' }>;

export interface Program {
  instructions: readonly Instruction[];
  groupCount: number;
}

export interface MachineMatch {
  index: number;
  /** groups[0] is the whole match; an unmatched group is undefined. */
  groups: (string | undefined)[];
}

export interface MachineRun {
  match: MachineMatch | undefined;
  /** (instruction, position) pairs explored; at most instructions.length * (input.length + 1). */
  steps: number;
}

class ProgramTooLarge extends Error {}

/** Undefined when the program would exceed maxInstructions (large {n,m} counts expand into copies). */
export function compile(regex: ParsedRegex, maxInstructions: number): Program | undefined {
  const emitter = new Emitter(maxInstructions);
  try {
    emitter.push({ op: 'save', slot: 0 });
    emitter.node(regex.root);
    emitter.push({ op: 'save', slot: 1 });
    emitter.push({ op: 'match' });
  } catch (error) {
    if (error instanceof ProgramTooLarge) return undefined;
    throw error;
  }
  return { instructions: emitter.instructions, groupCount: regex.groupCount };
}

class Emitter {
  readonly instructions: Instruction[] = [];

  constructor(private readonly maxInstructions: number) {}

  push<T extends Instruction>(instruction: T): T {
    if (this.instructions.length >= this.maxInstructions) throw new ProgramTooLarge();
    this.instructions.push(instruction);
    return instruction;
  }

  get next(): number {
    return this.instructions.length;
  }

  node(node: RegexNode): void {
    switch (node.kind) {
      case 'chars':
        this.push({ op: 'char', set: node.set });
        return;
      case 'assert':
        this.push({ op: 'assert', at: node.at });
        return;
      case 'group':
        if (node.capture === undefined) return this.node(node.body);
        this.push({ op: 'save', slot: 2 * node.capture });
        this.node(node.body);
        this.push({ op: 'save', slot: 2 * node.capture + 1 });
        return;
      case 'sequence':
        for (const item of node.items) this.node(item);
        return;
      case 'alternation':
        return this.alternation(node.options);
      case 'repeat':
        return this.repeat(node);
    }
  }

  private alternation(options: RegexNode[]): void {
    const exits: Extract<Instruction, { op: 'jump' }>[] = [];
    for (const option of options.slice(0, -1)) {
      const split = this.push({ op: 'split', first: this.next + 1, second: -1 });
      this.node(option);
      exits.push(this.push({ op: 'jump', to: -1 }));
      split.second = this.next;
    }
    this.node(options[options.length - 1]);
    for (const exit of exits) exit.to = this.next;
  }

  private repeat(node: Extract<RegexNode, { kind: 'repeat' }>): void {
    for (let i = 0; i < node.min; i++) this.iteration(node.body);
    if (node.max === Infinity) {
      const loop = this.next;
      const split = this.push({ op: 'split', first: -1, second: -1 });
      this.iteration(node.body);
      this.push({ op: 'jump', to: loop });
      this.prefer(split, loop + 1, this.next, node.lazy);
      return;
    }
    const optional: { split: Split; body: number }[] = [];
    for (let i = node.min; i < node.max; i++) {
      const split = this.push({ op: 'split', first: -1, second: -1 });
      optional.push({ split, body: this.next });
      this.iteration(node.body);
    }
    for (const { split, body } of optional) this.prefer(split, body, this.next, node.lazy);
  }

  /** JavaScript forgets a repeated group's captures at the start of every iteration. */
  private iteration(body: RegexNode): void {
    const captures = captureRange(body);
    if (captures) this.push({ op: 'clear', from: 2 * captures.first, to: 2 * captures.last + 2 });
    this.node(body);
  }

  private prefer(split: Split, body: number, exit: number, lazy: boolean): void {
    split.first = lazy ? exit : body;
    split.second = lazy ? body : exit;
  }
}

/** Groups are numbered in order of their `(`, so the groups inside a subtree form one contiguous range. */
function captureRange(node: RegexNode): { first: number; last: number } | undefined {
  const children =
    node.kind === 'group' || node.kind === 'repeat'
      ? [node.body]
      : node.kind === 'sequence'
        ? node.items
        : node.kind === 'alternation'
          ? node.options
          : [];
  let range = node.kind === 'group' && node.capture !== undefined ? { first: node.capture, last: node.capture } : undefined;
  for (const child of children) {
    const inner = captureRange(child);
    if (inner) range = range ? { first: Math.min(range.first, inner.first), last: Math.max(range.last, inner.last) } : inner;
  }
  return range;
}

type StackEntry = { kind: 'try'; pc: number; position: number } | { kind: 'restore'; slot: number; value: number };

/** Leftmost match of the program in input, trying start positions in order like String.prototype.match. */
export function run(program: Program, input: string): MachineRun {
  const { instructions } = program;
  const width = input.length + 1;
  const visited = new Uint32Array(Math.ceil((instructions.length * width) / 32));
  const slots = new Array<number>(2 * (program.groupCount + 1)).fill(-1);
  const text = new FoldedText(input);
  const stack: StackEntry[] = [];
  let steps = 0;

  for (let start = 0; start <= input.length; start++) {
    stack.push({ kind: 'try', pc: 0, position: start });
    while (stack.length > 0) {
      const entry = stack.pop() as StackEntry;
      if (entry.kind === 'restore') {
        slots[entry.slot] = entry.value;
        continue;
      }
      let { pc, position } = entry;
      thread: for (;;) {
        const bit = pc * width + position;
        if (visited[bit >>> 5] & (1 << (bit & 31))) break;
        visited[bit >>> 5] |= 1 << (bit & 31);
        steps++;
        const instruction = instructions[pc];
        switch (instruction.op) {
          case 'char':
            if (position === input.length || !text.matches(instruction.set, position)) break thread;
            pc++;
            position++;
            continue;
          case 'split':
            stack.push({ kind: 'try', pc: instruction.second, position });
            pc = instruction.first;
            continue;
          case 'jump':
            pc = instruction.to;
            continue;
          case 'save':
            stack.push({ kind: 'restore', slot: instruction.slot, value: slots[instruction.slot] });
            slots[instruction.slot] = position;
            pc++;
            continue;
          case 'clear':
            for (let slot = instruction.from; slot < instruction.to; slot++) {
              stack.push({ kind: 'restore', slot, value: slots[slot] });
              slots[slot] = -1;
            }
            pc++;
            continue;
          case 'assert':
            if (position !== (instruction.at === 'start' ? 0 : input.length)) break thread;
            pc++;
            continue;
          case 'match':
            return { match: matchFrom(slots, input), steps };
        }
      }
    }
  }
  return { match: undefined, steps };
}

function matchFrom(slots: number[], input: string): MachineMatch {
  const groups: (string | undefined)[] = [];
  for (let slot = 0; slot < slots.length; slot += 2) {
    groups.push(slots[slot] >= 0 && slots[slot + 1] >= 0 ? input.slice(slots[slot], slots[slot + 1]) : undefined);
  }
  return { index: slots[0], groups };
}

/** The input with each code unit's upper- and lower-case forms, the way a case-insensitive JavaScript regex sees it. */
class FoldedText {
  private readonly forms: [number, number, number][];

  constructor(input: string) {
    this.forms = [];
    for (let index = 0; index < input.length; index++) {
      const unit = input.charCodeAt(index);
      const char = input[index];
      this.forms.push([unit, caseForm(char.toUpperCase(), unit), caseForm(char.toLowerCase(), unit)]);
    }
  }

  matches(set: CharSet, position: number): boolean {
    return set.negated !== this.forms[position].some((code) => inRanges(set.ranges, code));
  }
}

/** JavaScript keeps a character unfolded when folding would change its length or turn it into ASCII (ſ, K). */
function caseForm(folded: string, unit: number): number {
  const foldedUnit = folded.charCodeAt(0);
  return folded.length !== 1 || (unit >= 0x80 && foldedUnit < 0x80) ? unit : foldedUnit;
}

function inRanges(ranges: CharSet['ranges'], code: number): boolean {
  for (const [from, to] of ranges) {
    if (code < from) return false;
    if (code <= to) return true;
  }
  return false;
}
