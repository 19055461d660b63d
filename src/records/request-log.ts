import { z } from 'zod';
import type { Store, TransactionOp } from '../platform/ports';
import { newestFirst } from './key-order';
import { connectionKeys } from '../storage/keys';

// "Last requests received" for the admin page: method, path without query (filters carry user names),
// status and time. No bodies, no headers. Entries expire after a week. What the caller chose is not kept as sent:
// a method outside the HTTP ones is stored as OTHER, and every field is capped.

export const REQUEST_LOG_TTL_SECONDS = 7 * 86_400;

const LOGGED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MAX_PATH_LENGTH = 64;

export const requestSummarySchema = z.object({
  at: z.string().max(30),
  method: z.string().max(7),
  path: z.string().max(MAX_PATH_LENGTH),
  status: z.number().int(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

const prefix = connectionKeys.requestPrefix;
let counter = 0;

export function requestSummaryOp(connectionId: string, summary: RequestSummary, nowMs: number): TransactionOp {
  counter = (counter + 1) % 1000;
  // Within one millisecond too, the newest entry sorts first.
  const key = `${prefix(connectionId)}${newestFirst(nowMs)}:${String(999 - counter).padStart(3, '0')}`;
  const method = LOGGED_METHODS.includes(summary.method.toUpperCase()) ? summary.method.toUpperCase() : 'OTHER';
  const value = requestSummarySchema.parse({ ...summary, method, path: summary.path.slice(0, MAX_PATH_LENGTH) });
  return { op: 'set', key, value, ttlSeconds: REQUEST_LOG_TTL_SECONDS };
}

export async function recentRequests(store: Store, connectionId: string, limit = 20): Promise<RequestSummary[]> {
  const page = await store.query<unknown>(prefix(connectionId), { limit });
  return page.items.map((item) => requestSummarySchema.parse(item.value));
}
