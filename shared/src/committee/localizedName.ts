import { z } from 'zod';

/** A name in the Secretariat's two working languages; both are required so neither side of the UI falls back silently. */
export const localizedNameSchema = z.object({
  en: z.string().trim().min(1, 'an English name is required'),
  fr: z.string().trim().min(1, 'a French name is required'),
});
export type LocalizedName = z.infer<typeof localizedNameSchema>;
