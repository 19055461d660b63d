/** Why a sync use case did nothing: the admin page shows `message`, which says what to do instead. */
export type RefusalReason =
  | 'notFound'
  | 'notPull'
  | 'disabled'
  | 'notConfigured'
  | 'noSecret'
  | 'invalidInput'
  | 'inProgress'
  | 'awaitingConfirmation'
  | 'notWaiting'
  | 'expired'
  | 'idpError';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  message: string;
}

export function refuse(reason: RefusalReason, message: string): Refusal {
  return { ok: false, reason, message };
}
