import { z } from 'zod';
import { egressAllows } from '../../platform/egress';

/** A SCIM attribute path as IDCS names it (`title`, `urn:...:User:department`); no commas or brackets. */
const attributePath = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_$.:-]+$/, 'must be a SCIM attribute path');

export const oracleIdcsConfigSchema = z.object({
  /** The identity domain URL, e.g. https://idcs-0123abcd....identity.oraclecloud.com; any path is dropped. */
  baseUrl: z
    .url({ protocol: /^https$/, message: 'must be an https URL (the identity domain URL)' })
    .pipe(
      z
        .string()
        .refine(
          egressAllows,
          'must be an identity domain URL, https://….identity.oraclecloud.com: the app may call no other IDCS address (its manifest declares only those)',
        ),
    )
    .transform((url) => new URL(url).origin),
  clientId: z.string().trim().min(1),
  /** When set, only users and groups granted this app (the confidential app's id) are listed. */
  appId: z.string().trim().min(1).optional(),
  /** A user attribute whose values are the user's groups, instead of IDCS group membership. */
  groupMembershipAttribute: attributePath.optional(),
  /** How far below the last delta mark to re-read, for changes that became visible late. */
  deltaSkewSeconds: z.number().int().min(0).max(86_400).default(300),
});

export type OracleIdcsConfigInput = z.input<typeof oracleIdcsConfigSchema>;
export type OracleIdcsConfig = z.output<typeof oracleIdcsConfigSchema>;
