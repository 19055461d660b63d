import Resolver from '@forge/resolver';
import type { AdminDeps, ResolverContext } from '../admin/admin-deps';
import { invokeResolver, resolverDefinitions } from '../admin/resolver-definitions';
import { sharedTriggerUrl } from '../admin/scim-trigger-url';
import { createForgeAdminCheck, type AdminProduct } from '../platform/forge/admin-check';
import { createForgePlatform, forgeTriggerUrl } from '../platform/forge/forge-platform';

/** The manifest key of the Confluence settings page; every other caller is the Jira admin page. */
const CONFLUENCE_PAGE = 'confluence-settings';

/** Which admin page called: Forge names the module (moduleKey) and its type (extension.type) in the context. */
export function productOf(context: ResolverContext): AdminProduct {
  const extension = context.extension as { type?: unknown } | undefined;
  const type = typeof extension?.type === 'string' ? extension.type : '';
  return context.moduleKey === CONFLUENCE_PAGE || type.startsWith('confluence:') ? 'confluence' : 'jira';
}

/** Built per invocation: the admin check is remembered for this caller only, and fits the page that called. */
function forgeAdminDeps(context: ResolverContext): AdminDeps {
  const platform = createForgePlatform();
  const product = productOf(context);
  return {
    platform,
    triggerUrl: () => sharedTriggerUrl(platform.store, product, () => forgeTriggerUrl()),
    isAdministrator: createForgeAdminCheck(product),
  };
}

const definitions = new Resolver();
for (const key of Object.keys(resolverDefinitions)) {
  definitions.define(key, ({ payload, context }) => invokeResolver(forgeAdminDeps(context as ResolverContext), key, payload, context));
}

/** The `resolver-fn` function behind the admin pages. */
export const resolver = definitions.getDefinitions();
