import type { IdpPage } from '../connector';
import { advanceMark, type Versioned } from '../delta-mark';
import { type ListCursor, toCursor } from './cursors';

/** De-duplicates a page against the marks, advances the running mark, and hands it out with the last page. */
export function finishPage<T extends Versioned>(items: T[], cursor: ListCursor, next: ListCursor | undefined, skewMs: number): IdpPage<T> {
  const { fresh, mark } = advanceMark(cursor.mark, items, skewMs, cursor.since);
  if (next) return { items: fresh, next: toCursor({ ...next, mark }) };
  return { items: fresh, ...(mark ? { mark } : {}) };
}
