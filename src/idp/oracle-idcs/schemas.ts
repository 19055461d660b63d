// zod schemas for what IDCS answers. Objects stay loose: IDCS adds extension blocks and attributes freely.
import { z } from 'zod';

const meta = z.looseObject({ lastModified: z.string().optional() }).optional();

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.coerce.number().positive(),
});

export const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export const scimErrorSchema = z.looseObject({
  detail: z.string().optional(),
  status: z.union([z.string(), z.number()]).optional(),
  'urn:ietf:params:scim:api:oracle:idcs:extension:messages:Error': z.looseObject({ messageId: z.string().optional() }).optional(),
});

export const idcsUserSchema = z.looseObject({
  id: z.string().min(1),
  userName: z.string().min(1),
  displayName: z.string().optional(),
  name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  active: z.boolean().optional(),
  emails: z.array(z.looseObject({ value: z.string(), type: z.string().optional(), primary: z.boolean().optional() })).optional(),
  groups: z.array(z.looseObject({ value: z.string(), type: z.string().optional() })).optional(),
  meta,
});
export type IdcsUser = z.infer<typeof idcsUserSchema>;

export const idcsGroupSchema = z.looseObject({ id: z.string().min(1), displayName: z.string(), meta });
export type IdcsGroup = z.infer<typeof idcsGroupSchema>;

/** A group read for one page of its members (`attributes=members[startIndex=..&count=..]`). */
const memberSchema = z.looseObject({ value: z.string(), type: z.string().optional(), dateAdded: z.string().optional() });
export const idcsGroupMembersSchema = z.looseObject({ members: z.array(memberSchema).optional() });
export type IdcsMember = z.infer<typeof memberSchema>;

export const idcsGrantSchema = z.looseObject({
  id: z.string(),
  grantMechanism: z.string().optional(),
  grantee: z.looseObject({ type: z.string(), value: z.string() }),
  entitlement: z.looseObject({}).optional(),
  meta,
});
export type IdcsGrant = z.infer<typeof idcsGrantSchema>;

/** A ListResponse whose resources are validated one by one, so that one odd resource does not fail the page. */
export const listResponseSchema = z.looseObject({
  totalResults: z.number().int().min(0),
  Resources: z.array(z.unknown()).optional(),
});
