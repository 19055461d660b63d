import Resolver from '@forge/resolver';
import type { AdminDeps } from '../admin/admin-deps';
import { invokeResolver, resolverDefinitions } from '../admin/resolver-definitions';
import { createForgeAdminCheck } from '../platform/forge/admin-check';
import { createForgePlatform, forgeTriggerUrl } from '../platform/forge/forge-platform';

/** Built per invocation: the admin check is remembered for this caller only. */
function forgeAdminDeps(): AdminDeps {
  return { platform: createForgePlatform(), triggerUrl: () => forgeTriggerUrl(), isAdministrator: createForgeAdminCheck() };
}

const definitions = new Resolver();
for (const key of Object.keys(resolverDefinitions)) {
  definitions.define(key, ({ payload, context }) => invokeResolver(forgeAdminDeps(), key, payload, context));
}

/** The `resolver-fn` function behind the admin pages. */
export const resolver = definitions.getDefinitions();
