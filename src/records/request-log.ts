import { z } from 'zod';
import type { Store, TransactionOp } from '../platform/ports';
import { newestFirst } from './key-order';
import { connectionKeys } from '../storage/keys';

// "Last requests received" for the admin page: method, path without query (filters carry user names),
// status and time. No bodies, no headers. Entries expire after a week.

export const REQUEST_LOG_TTL_SECONDS = 7 * 86_400;

export const requestSummarySchema = z.object({
  at: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

const prefix = connectionKeys.requestPrefix;
let counter = 0;

export function requestSummaryOp(connectionId: string, summary: RequestSummary, nowMs: number): TransactionOp {
  counter = (counter + 1) % 1000;
  const key = `${prefix(connectionId)}${newestFirst(nowMs)}:${String(counter).padStart(3, '0')}`;
  return { op: 'set', key, value: requestSummarySchema.parse(summary), ttlSeconds: REQUEST_LOG_TTL_SECONDS };
}

export async function recentRequests(store: Store, connectionId: string, limit = 20): Promise<RequestSummary[]> {
  const page = await store.query<unknown>(prefix(connectionId), { limit });
  return page.items.map((item) => requestSummarySchema.parse(item.value));
}
