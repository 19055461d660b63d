import type { z } from 'zod';
import { IdpError } from './idp-error';

/** Validates a connection's settings; what is wrong becomes one invalidConfig error naming each field. */
export function parseSettings<S extends z.ZodType>(schema: S, input: z.input<S>, idpName: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new IdpError('invalidConfig', `The ${idpName} connection settings are invalid (${problems}).`);
}
