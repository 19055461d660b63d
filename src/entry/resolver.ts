import Resolver from '@forge/resolver';
import { resolverDefinitions } from '../admin/resolver-definitions';
import { createForgePlatform } from '../platform/forge/forge-platform';

const definitions = new Resolver();
for (const [key, run] of Object.entries(resolverDefinitions)) {
  definitions.define(key, ({ payload, context }) => run(createForgePlatform(), payload, context));
}

/** The `resolver-fn` function behind the admin pages. */
export const resolver = definitions.getDefinitions();
