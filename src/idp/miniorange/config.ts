import { z } from 'zod';
import { egressAllows } from '../../platform/egress';

export const MINIORANGE_DEFAULT_BASE_URL = 'https://login.xecurify.com';

export const miniOrangeConfigSchema = z.object({
  /** login.xecurify.com, the one miniOrange host the manifest lets the app call; any path is dropped. */
  baseUrl: z
    .url({ protocol: /^https$/, message: 'must be an https URL' })
    .pipe(
      z
        .string()
        .refine(
          egressAllows,
          `must be ${MINIORANGE_DEFAULT_BASE_URL}: the app's manifest declares no other miniOrange host (auth.miniorange.com or a dedicated host cannot be reached from Forge)`,
        ),
    )
    .default(MINIORANGE_DEFAULT_BASE_URL)
    .transform((url) => new URL(url).origin),
  /** The numeric Customer Key from the miniOrange console's Settings. */
  customerKey: z.coerce.string().trim().regex(/^\d+$/, 'must be the numeric Customer Key shown under Settings'),
});

export type MiniOrangeConfigInput = z.input<typeof miniOrangeConfigSchema>;
export type MiniOrangeConfig = z.output<typeof miniOrangeConfigSchema>;
