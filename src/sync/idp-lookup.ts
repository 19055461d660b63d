import { z } from 'zod';
import type { IdpUser } from '../idp/connector';
import { IdpError } from '../idp/idp-error';
import type { Platform } from '../platform/ports';
import { buildConnector } from './build-connector';
import { loadPullSetup, type PullSetup } from './pull-setup';
import { refuse, type Refusal } from './refusal';

const usernameSchema = z.string().trim().min(1).max(256);

export type IdpLookup = { ok: true; setup: PullSetup; user?: IdpUser } | Refusal;

/** One user from the IdP by username (or email), as the connection's connector reads it. */
export async function lookUpIdpUser(platform: Platform, connectionId: string, username: unknown): Promise<IdpLookup> {
  const name = usernameSchema.safeParse(username);
  if (!name.success) return refuse('invalidInput', 'Enter a username or email address.');
  const setup = await loadPullSetup(platform, connectionId);
  if (!setup.ok) return setup;
  try {
    const user = await buildConnector(platform, connectionId, setup.config).lookupUser(name.data);
    return { ok: true, setup, ...(user ? { user } : {}) };
  } catch (error) {
    if (error instanceof IdpError) return refuse('idpError', error.message);
    throw error;
  }
}
