import { createMiniOrangeConnector } from '../idp/miniorange/connector';
import type { IdpConnector } from '../idp/connector';
import { createOracleIdcsConnector } from '../idp/oracle-idcs/connector';
import type { CachedIdcsToken } from '../idp/oracle-idcs/token-source';
import { HttpClient } from '../platform/http-client';
import type { Clock, Platform } from '../platform/ports';
import { settingsFingerprint, type PullConfig } from './pull-config';
import { pullSecretKey } from '../storage/keys';

/**
 * IDCS access tokens of this function instance, kept across queue events (a connector is built per event, and a
 * token lasts an hour). They are kept per clock, the one their expiry was measured on: in a deployed
 * function that is the one system clock; each test bed has its own.
 */
const idcsTokens = new WeakMap<Clock, Map<string, CachedIdcsToken>>();

function idcsTokensOf(clock: Clock): Map<string, CachedIdcsToken> {
  let tokens = idcsTokens.get(clock);
  if (!tokens) idcsTokens.set(clock, (tokens = new Map()));
  return tokens;
}

/** The connector for a connection's IdP, with the platform's HTTP retry policy and the connection's credential. */
export function buildConnector(platform: Platform, connectionId: string, config: PullConfig): IdpConnector {
  const deps = {
    http: new HttpClient({ transport: platform.http, clock: platform.clock, random: platform.random, log: platform.log }),
    clock: platform.clock,
    secrets: platform.secrets,
    log: platform.log,
    secretKey: pullSecretKey(connectionId),
  };
  switch (config.provider) {
    case 'oracle-idcs': {
      const tokenCache = { scope: `${connectionId}:${settingsFingerprint(config)}`, tokens: idcsTokensOf(platform.clock) };
      return createOracleIdcsConnector(config.settings, deps, tokenCache);
    }
    case 'miniorange':
      return createMiniOrangeConnector(config.settings, deps);
  }
}
