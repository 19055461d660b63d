import { InvocationLimitReachedError, RateLimitError } from '@forge/events';

/**
 * Which of Forge's async-event limits refused a push, if one did (@forge/events' errors, which the local queue
 * throws too): the installation's events per minute, or the invocation chain's push requests.
 */
export function queueRefusal(error: unknown): 'rateLimited' | 'chainLimit' | undefined {
  if (error instanceof RateLimitError) return 'rateLimited';
  if (error instanceof InvocationLimitReachedError) return 'chainLimit';
  return undefined;
}
