// Test helpers shared by the SCIM library's tests (imported by tests only).

import { SCIMError } from '../../src/scim/error';

/** The SCIMError `run` throws; fails the test when it throws nothing or something else. */
export function scimErrorOf(run: () => unknown): SCIMError {
  try {
    run();
  } catch (error) {
    if (error instanceof SCIMError) return error;
    throw error;
  }
  throw new Error('expected a SCIMError, but nothing was thrown');
}

/** [status, scimType, detail] of the SCIMError `run` throws, for one-line expectations. */
export function scimFailure(run: () => unknown): [number, string | undefined, string] {
  const error = scimErrorOf(run);
  return [error.status, error.scimType, error.detail];
}
