import { z } from 'zod';

const attributesSchema = z.record(z.string(), z.unknown());

/** What the IdP asserted about a user, as the normalised SCIM resource (no id, meta, groups or password). */
export const userRecordSchema = z.object({
  id: z.string(),
  userName: z.string(),
  externalId: z.string().optional(),
  /** Unassigned when the IdP never sent it or removed it (RFC 7644 §3.5.2.2): no assertion either way. */
  active: z.boolean().optional(),
  /** Lower-cased email values, kept to remove their index entries when they change. */
  emails: z.array(z.string()),
  attributes: attributesSchema,
  /** Attributes outside our schemas, kept per connection for attribute mapping. */
  extra: attributesSchema.optional(),
  created: z.string(),
  lastModified: z.string(),
  /** Bumped on every change: the resource's weak ETag. */
  version: z.number().int().positive(),
});
export type UserRecord = z.infer<typeof userRecordSchema>;

export const groupRecordSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  externalId: z.string().optional(),
  attributes: attributesSchema,
  created: z.string(),
  lastModified: z.string(),
  version: z.number().int().positive(),
});
export type GroupRecord = z.infer<typeof groupRecordSchema>;

export const membershipRecordSchema = z.object({
  groupId: z.string(),
  userId: z.string(),
  display: z.string().optional(),
  since: z.string(),
});
export type MembershipRecord = z.infer<typeof membershipRecordSchema>;

export const counterSchema = z.object({ count: z.number().int() });
export const indexEntrySchema = z.object({ id: z.string() });
