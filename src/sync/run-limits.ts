/**
 * A run's lease `pull:{connectionId}`, renewed by every event. Longer than an event may take (the consumer's
 * timeout is 600 s) plus a redelivery's delay: when it lapses, the run made no progress and the sweep resumes it.
 */
export const RUN_LEASE_MS = 20 * 60_000;
/** How long a run waits for an admin's confirmation; then the sweep cancels it and scheduled runs go on. */
export const CONFIRMATION_WAIT_MS = 7 * 86_400_000;
/** Resumptions without progress in between before the sweep gives a run up as failed. */
export const MAX_RECOVERIES = 3;
/** An event takes on no more work after this long. */
export const STEP_TIME_BUDGET_MS = 120_000;
/**
 * Push requests a run makes in one invocation chain before it hands over to the sweep, which continues it in a
 * fresh chain: Forge allows 1,000 per chain, counting also what the provisioning jobs the run queued push.
 */
export const CHAIN_PUSH_BUDGET = 900;
/** Push requests of provisioning jobs (50 each) one step makes at most; further changes wait for the repair pass. */
export const STEP_JOB_PUSHES = 10;
