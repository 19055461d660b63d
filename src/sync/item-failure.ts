import { DirectoryError } from '../directory/directory-context';
import { StoreLimitError } from '../platform/store-errors';
import type { Progress } from './progress';

/** One record the directory refused during a run: the run goes on, and the admin sees it in the activity log. */
export interface ItemFailure {
  kind: 'user' | 'group' | 'membership';
  /** Directory id (for a membership, the group's). */
  id: string;
  reason: string;
}

/** Refusals of one record (a taken userName, a value too large); anything else is the platform failing. */
export function isItemError(error: unknown): error is DirectoryError | StoreLimitError {
  return error instanceof DirectoryError || error instanceof StoreLimitError;
}

/** What applying one page to the directory did. */
export interface ApplyResult {
  progress: Progress;
  failures: ItemFailure[];
}
