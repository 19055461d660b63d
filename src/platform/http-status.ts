/** What a failed HTTP answer means to the caller, whichever API gave it. */
export type HttpFailureKind = 'unauthorized' | 'forbidden' | 'notFound' | 'conflict' | 'rateLimited' | 'transient' | 'refused';

/** 408 and 5xx are worth retrying later; any other 4xx without a kind of its own is a refused request. */
export function failureKindOf(status: number): HttpFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rateLimited';
  if (status === 408 || status >= 500) return 'transient';
  return 'refused';
}
