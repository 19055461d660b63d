// Admin-supplied regexes (the username rule, the group rename, the group filters) are untrusted input that runs
// against every user and group we sync, so no pattern may stall an invocation. Three layers:
// 1. Size: patterns up to MAX_PATTERN_LENGTH characters, inputs up to MAX_INPUT_LENGTH (emails and group names
//    are far shorter), programs up to MAX_INSTRUCTIONS (a large {n,m} expands into copies of its body).
// 2. Shape: the catastrophic-backtracking shapes are refused with a message the admin can act on: a quantifier
//    inside a repeated group ((a+)+, (a?){20}), an alternation inside a repeated group ((a|a)*), and
//    backreferences anywhere (the parser refuses them; they would also void layer 3). So are optional repeats of
//    something that can match nothing ((a*)?): JavaScript gives them special rules our machine does not copy.
// 3. Bound: patterns never run on the JavaScript engine, which cannot be interrupted, but on regex-machine.ts,
//    which explores each (instruction, input position) pair at most once. A run costs at most
//    MAX_INSTRUCTIONS * (MAX_INPUT_LENGTH + 1) steps even for shapes layer 2 lets through, such as the merely
//    polynomial a*a*a*b, and a few hundred for the patterns admins actually write.
// Matching is case-insensitive (emails and group names are) and finds the leftmost match anywhere in the input;
// anchor with ^ and $ to match the whole value.

import { compile, run, type MachineMatch, type Program } from './regex-machine';
import { parseRegex, type RegexNode } from './regex-syntax';

export const MAX_PATTERN_LENGTH = 200;
export const MAX_INPUT_LENGTH = 1024;
export const MAX_INSTRUCTIONS = 2000;

/** A pattern and its replacement: `$1`…`$99` insert groups, `$0` the whole match, `$$` a dollar sign. */
export interface RegexRule {
  pattern: string;
  replacement: string;
}

export type RegexExecution =
  { outcome: 'match'; match: MachineMatch; steps: number } | { outcome: 'noMatch'; steps: number } | { outcome: 'inputTooLong' };

export interface SafeRegex {
  readonly pattern: string;
  readonly groupCount: number;
  readonly instructionCount: number;
  exec(input: string): RegexExecution;
}

export type CompileResult = { ok: true; regex: SafeRegex } | { ok: false; error: string };

/** The first change of the input the rule makes; the input unchanged when the pattern does not match it. */
export type ReplacementResult = { outcome: 'match'; result: string } | { outcome: 'noMatch'; result: string } | { outcome: 'error'; message: string };

export type RegexPreviewRow = { sample: string } & ReplacementResult;

export interface RuleProblem {
  field: 'pattern' | 'replacement';
  message: string;
}

type TemplatePart = string | { group: number };

const CACHE_SIZE = 256;
const cache = new Map<string, CompileResult>();

export function compileSafeRegex(pattern: string): CompileResult {
  let result = cache.get(pattern);
  if (!result) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    result = compileUncached(pattern);
    cache.set(pattern, result);
  }
  return result;
}

/** For patterns that options validation has already accepted; anything else is a programming error. */
export function requireSafeRegex(pattern: string): SafeRegex {
  const compiled = compileSafeRegex(pattern);
  if (!compiled.ok) throw new Error(`Unvalidated pattern reached the engine: ${compiled.error}`);
  return compiled.regex;
}

/** What is wrong with a rule, on the field the admin has to change; undefined when it is usable. */
export function checkRegexRule(rule: RegexRule): RuleProblem | undefined {
  const compiled = compileSafeRegex(rule.pattern);
  if (!compiled.ok) return { field: 'pattern', message: compiled.error };
  const template = parseTemplate(rule.replacement, compiled.regex.groupCount);
  return typeof template === 'string' ? { field: 'replacement', message: template } : undefined;
}

export function applyRegexReplacement(rule: RegexRule, input: string): ReplacementResult {
  const compiled = compileSafeRegex(rule.pattern);
  if (!compiled.ok) return { outcome: 'error', message: compiled.error };
  const template = parseTemplate(rule.replacement, compiled.regex.groupCount);
  if (typeof template === 'string') return { outcome: 'error', message: template };
  const execution = compiled.regex.exec(input);
  switch (execution.outcome) {
    case 'inputTooLong':
      return { outcome: 'error', message: `The value is longer than ${MAX_INPUT_LENGTH} characters.` };
    case 'noMatch':
      return { outcome: 'noMatch', result: input };
    case 'match': {
      const { index, groups } = execution.match;
      const replaced = template.map((part) => (typeof part === 'string' ? part : (groups[part.group] ?? ''))).join('');
      return { outcome: 'match', result: input.slice(0, index) + replaced + input.slice(index + (groups[0] ?? '').length) };
    }
  }
}

/** The admin page's live preview: what the rule does to each sample. */
export function previewRegex(rule: RegexRule, samples: string[]): RegexPreviewRow[] {
  return samples.map((sample) => ({ sample, ...applyRegexReplacement(rule, sample) }));
}

function compileUncached(pattern: string): CompileResult {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, error: `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.` };
  }
  const parsed = parseRegex(pattern);
  if (!parsed.ok) return { ok: false, error: `Invalid pattern: ${parsed.error}.` };
  const problem = shapeProblem(parsed.regex.root, false);
  if (problem) return { ok: false, error: problem };
  const program = compile(parsed.regex, MAX_INSTRUCTIONS);
  if (!program) {
    const error = 'The pattern is too complex: its {n,m} counts expand too far. Use * or + instead of large counts.';
    return { ok: false, error };
  }
  return { ok: true, regex: safeRegex(pattern, program) };
}

function safeRegex(pattern: string, program: Program): SafeRegex {
  return {
    pattern,
    groupCount: program.groupCount,
    instructionCount: program.instructions.length,
    exec(input) {
      if (input.length > MAX_INPUT_LENGTH) return { outcome: 'inputTooLong' };
      const { match, steps } = run(program, input);
      return match ? { outcome: 'match', match, steps } : { outcome: 'noMatch', steps };
    },
  };
}

/** `repeated`: the node sits inside a group that may match more than once. */
function shapeProblem(node: RegexNode, repeated: boolean): string | undefined {
  switch (node.kind) {
    case 'repeat': {
      if (repeated && node.min !== node.max) {
        return (
          `Nested quantifier at position ${node.position + 1}: a quantifier inside a repeated group, as in (a+)+, ` +
          'can take exponential time. Repeat only the inner part, e.g. a+ instead of (a+)+.'
        );
      }
      const inner = shapeProblem(node.body, repeated || node.max > 1);
      if (inner || node.min === node.max || !canMatchEmpty(node.body)) return inner;
      return (
        `Optional repeat of something that can match nothing at position ${node.position + 1}, as in (a*)?: ` +
        'make the inner part required, e.g. (a+)? or a*.'
      );
    }
    case 'alternation':
      if (repeated) {
        return (
          `Alternation inside a repeated group at position ${node.position + 1}: (a|b)* can take exponential time. ` +
          'Use a character class such as [ab]* instead.'
        );
      }
      return firstProblem(node.options, repeated);
    case 'sequence':
      return firstProblem(node.items, repeated);
    case 'group':
      return shapeProblem(node.body, repeated);
    case 'chars':
    case 'assert':
      return undefined;
  }
}

function canMatchEmpty(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'assert':
      return true;
    case 'group':
      return canMatchEmpty(node.body);
    case 'sequence':
      return node.items.every(canMatchEmpty);
    case 'alternation':
      return node.options.some(canMatchEmpty);
    case 'repeat':
      return node.min === 0 || canMatchEmpty(node.body);
  }
}

function firstProblem(nodes: RegexNode[], repeated: boolean): string | undefined {
  for (const node of nodes) {
    const problem = shapeProblem(node, repeated);
    if (problem) return problem;
  }
  return undefined;
}

/** The replacement split into text and group references, or what is wrong with it. */
function parseTemplate(replacement: string, groupCount: number): TemplatePart[] | string {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let index = 0; index < replacement.length; index++) {
    const char = replacement[index];
    if (char !== '$') {
      text += char;
      continue;
    }
    const next = replacement[index + 1];
    if (next === '$') {
      text += '$';
      index++;
      continue;
    }
    const digits = /^\d{1,2}/.exec(replacement.slice(index + 1))?.[0];
    if (!digits) return `Write $$ for a literal dollar sign (position ${index + 1}).`;
    const used = digits.length === 2 && Number(digits) > groupCount ? 1 : digits.length;
    const group = Number(digits.slice(0, used));
    if (group > groupCount) {
      const groups = groupCount === 1 ? '1 group' : `${groupCount} groups`;
      return `$${group} refers to group ${group}, but the pattern has ${groups}.`;
    }
    if (text) parts.push(text);
    text = '';
    parts.push({ group });
    index += used;
  }
  if (text) parts.push(text);
  return parts;
}
