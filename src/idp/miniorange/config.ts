import { z } from 'zod';

export const MINIORANGE_DEFAULT_BASE_URL = 'https://login.xecurify.com';

export const miniOrangeConfigSchema = z.object({
  /** login.xecurify.com, or the older auth.miniorange.com / a dedicated host; any path is dropped. */
  baseUrl: z
    .url({ protocol: /^https$/, message: 'must be an https URL' })
    .default(MINIORANGE_DEFAULT_BASE_URL)
    .transform((url) => new URL(url).origin),
  /** The numeric Customer Key from the miniOrange console's Settings. */
  customerKey: z.coerce.string().trim().regex(/^\d+$/, 'must be the numeric Customer Key shown under Settings'),
});

export type MiniOrangeConfigInput = z.input<typeof miniOrangeConfigSchema>;
export type MiniOrangeConfig = z.output<typeof miniOrangeConfigSchema>;
