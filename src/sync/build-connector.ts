import { createMiniOrangeConnector } from '../idp/miniorange/connector';
import type { IdpConnector } from '../idp/connector';
import { createOracleIdcsConnector } from '../idp/oracle-idcs/connector';
import { HttpClient } from '../platform/http-client';
import type { Platform } from '../platform/ports';
import type { PullConfig } from './pull-config';
import { pullSecretKey } from './pull-keys';

/** The connector for a connection's IdP, with the platform's HTTP retry policy and the connection's credential. */
export function buildConnector(platform: Platform, connectionId: string, config: PullConfig): IdpConnector {
  const deps = {
    http: new HttpClient({ transport: platform.http, clock: platform.clock, log: platform.log }),
    clock: platform.clock,
    secrets: platform.secrets,
    log: platform.log,
    secretKey: pullSecretKey(connectionId),
  };
  switch (config.provider) {
    case 'oracle-idcs':
      return createOracleIdcsConnector(config.settings, deps);
    case 'miniorange':
      return createMiniOrangeConnector(config.settings, deps);
  }
}
