// How two attribute values compare, by the attribute's definition: dateTimes as instants, strings
// ignoring case unless the attribute is caseExact (RFC 7643 §2.2). Filters and sorting share it.

import type { AttributeDefinition } from './schemas/attribute';

/** Negative, zero or positive like a sort comparator; undefined when the two cannot be compared. */
export function compareValues(a: unknown, b: unknown, definition: AttributeDefinition | undefined): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b, definition);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** The string as compared: lower-cased unless the attribute is caseExact. */
export function comparableText(text: string, definition: AttributeDefinition | undefined): string {
  return definition?.caseExact ? text : text.toLowerCase();
}

function compareStrings(a: string, b: string, definition: AttributeDefinition | undefined): number {
  if (definition?.type === 'dateTime') {
    const difference = Date.parse(a) - Date.parse(b);
    if (!Number.isNaN(difference)) return Math.sign(difference);
  }
  const left = comparableText(a, definition);
  const right = comparableText(b, definition);
  return left < right ? -1 : left > right ? 1 : 0;
}
