import type { Platform } from '../platform/ports';

/** What Forge tells a resolver about its caller (@forge/resolver's request context). */
export interface ResolverContext {
  /** The calling user; admin checks start from it. */
  accountId?: string;
  [key: string]: unknown;
}

/** What every admin use case may use, built by the Forge resolver entry or the local runtime. */
export interface AdminDeps {
  platform: Platform;
  /** The SCIM web trigger's URL (connections' SCIM base URLs hang off it). */
  triggerUrl(): Promise<string>;
  /** Whether the caller administers the site (Jira's ADMINISTER global permission on Forge). */
  isAdministrator(context: ResolverContext): Promise<boolean>;
}
