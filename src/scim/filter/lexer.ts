// Splits a filter into tokens in one left-to-right pass (no regular expression runs over the whole input,
// so nothing can backtrack). Attribute paths, operators and the literals true/false/null are all words;
// the parser tells them apart by position.

import { badRequest, type SCIMError, type ScimType } from '../error';

export type Token =
  | { kind: 'word'; text: string; position: number }
  | { kind: 'literal'; value: string | number; position: number }
  | { kind: '(' | ')' | '[' | ']' | 'end'; position: number };

/** Builds the error for a problem at a position of the text being parsed. */
export type Fail = (position: number, message: string) => SCIMError;

export function failureAt(text: string, scimType: ScimType, what: string): Fail {
  return (position, message) => {
    const near = position < text.length ? `, near '${text.slice(position, position + 20)}'` : ' (the end)';
    return badRequest(scimType, `Invalid ${what} at character ${position + 1}${near}: ${message}`);
  };
}

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function tokenize(text: string, fail: Fail): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position]!;
    if (isSpace(char)) {
      position += 1;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ kind: char as '(' | ')' | '[' | ']', position });
      position += 1;
    } else if (char === '"') {
      const end = stringEnd(text, position, fail);
      tokens.push({ kind: 'literal', value: decodeString(text.slice(position, end), position, fail), position });
      position = end;
    } else if (char === '-' || isDigit(char)) {
      const end = scanWhile(text, position, (c) => !isSpace(c) && !PUNCTUATION.has(c) && c !== '"');
      tokens.push({ kind: 'literal', value: decodeNumber(text.slice(position, end), position, fail), position });
      position = end;
    } else if (isWordStart(char)) {
      const end = scanWhile(text, position, isWordChar);
      tokens.push({ kind: 'word', text: text.slice(position, end), position });
      position = end;
    } else {
      throw fail(position, unexpectedCharacter(char));
    }
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}

function stringEnd(text: string, start: number, fail: Fail): number {
  let position = start + 1;
  while (position < text.length) {
    const char = text[position];
    if (char === '"') return position + 1;
    position += char === '\\' ? 2 : 1;
  }
  throw fail(start, 'the string has no closing double quote');
}

function decodeString(quoted: string, position: number, fail: Fail): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw fail(position, 'the string is not a valid JSON string (check its backslash escapes)');
  }
}

function decodeNumber(text: string, position: number, fail: Fail): number {
  if (JSON_NUMBER.test(text)) return Number(text);
  throw fail(position, `${text} is not a number; quote strings and dates, e.g. meta.lastModified gt "2024-01-01T00:00:00Z"`);
}

function unexpectedCharacter(char: string): string {
  if (char === "'") return 'strings take double quotes, e.g. userName eq "bjensen"';
  const example = 'userName eq "bjensen" (operators: eq ne co sw ew gt ge lt le pr, and or not)';
  return `unexpected character '${char}'; a filter looks like ${example}`;
}

function scanWhile(text: string, start: number, accept: (char: string) => boolean): number {
  let position = start;
  while (position < text.length && accept(text[position]!)) position += 1;
  return position;
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isLetter(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

// Words start with a letter, `$` ($ref) or `.` (the sub-attribute after a value path, `].value`).
function isWordStart(char: string): boolean {
  return isLetter(char) || char === '$' || char === '.' || char === '_';
}

function isWordChar(char: string): boolean {
  return isLetter(char) || isDigit(char) || char === '$' || char === '.' || char === '_' || char === '-' || char === ':';
}
