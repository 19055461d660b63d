import { z } from 'zod';

export const PROVIDERS = ['okta', 'entra', 'oracle-idcs', 'miniorange', 'custom-scim'] as const;
export const METHODS = ['scim', 'pull'] as const;

export const providerSchema = z.enum(PROVIDERS);
export const methodSchema = z.enum(METHODS);

const CONNECTION_ID = /^[a-z0-9]{8,32}$/;

/** Whether a URL segment can name a connection at all (checked before anything is read). */
export function isConnectionId(id: string): boolean {
  return CONNECTION_ID.test(id);
}

/** One IdP connection ("app"). Its SCIM token is kept only as a SHA-256 hash. */
export const connectionSchema = z.object({
  id: z.string().regex(CONNECTION_ID),
  provider: providerSchema,
  method: methodSchema,
  name: z.string().min(1).max(100),
  enabled: z.boolean(),
  tokenHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  tokenCreatedAt: z.string().optional(),
  createdAt: z.string(),
});

export type Connection = z.infer<typeof connectionSchema>;
export type Provider = z.infer<typeof providerSchema>;
export type Method = z.infer<typeof methodSchema>;
