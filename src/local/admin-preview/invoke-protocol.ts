// POST /admin/api/invoke: how the browser host reaches the resolvers. Payload and result travel as JSON, as
// across Forge's bridge, so what JSON does not carry (a Date becomes a string, undefined and Maps vanish)
// arrives changed here as it does there.

export const INVOKE_PATH = '/admin/api/invoke';

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: string };

/** The host's reading of the server's answer; kept free of zod so the host bundle stays small. */
export function parseInvokeOutcome(json: unknown): InvokeOutcome {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (answer.ok === true) return { ok: true, result: answer.result };
  if (answer.ok === false && typeof answer.error === 'string') return { ok: false, error: answer.error };
  return { ok: false, error: 'the local server sent an answer that is not an invoke outcome' };
}

/** How @forge/bridge's invoke rejects when a resolver throws (message format as seen from Forge apps). */
export function invokeError(message: string): Error {
  return new Error(`There was an error invoking the function - ${message}`);
}
