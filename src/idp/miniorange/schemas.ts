import { z } from 'zod';

/** Every admin API answer carries a status string; callers check it rather than the HTTP code. */
export const statusResponseSchema = z.looseObject({ status: z.string(), message: z.string().optional() });

/** `users/get` on SUCCESS: email, phone and authType are documented; the rest may be absent. */
export const userResponseSchema = z.looseObject({
  status: z.literal('SUCCESS'),
  email: z.string().optional(),
  username: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
});
export type MiniOrangeUserResponse = z.infer<typeof userResponseSchema>;
