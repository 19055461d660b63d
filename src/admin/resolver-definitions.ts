import type { Platform } from '../platform/ports';

// PLACEHOLDER: the admin use cases (connections, tokens, options, mappings, activity, preview) fill the map.

/** What Forge tells a resolver about its caller (@forge/resolver's request context). */
export interface ResolverContext {
  /** The calling user; admin checks start from it. */
  accountId?: string;
  [key: string]: unknown;
}

/** One resolver: the payload is unvalidated input from the admin page. */
export type ResolverDefinition = (platform: Platform, payload: unknown, context: ResolverContext) => Promise<unknown>;

/** Every resolver the admin page may invoke, by the key it passes to `invoke`. */
export const resolverDefinitions: Record<string, ResolverDefinition> = {};
