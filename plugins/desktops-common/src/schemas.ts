import { z } from 'zod';

/** Desktop names: shown on cards; 1–60 printable characters. @public */
export const desktopNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the desktop a name')
  .max(60, 'Desktop names are at most 60 characters')
  .refine(name => !/\p{Cc}/u.test(name), {
    message: 'Desktop names cannot contain control characters',
  });

/** POST /desktops @public */
export const createDesktopRequestSchema = z.strictObject({
  imageId: z.string().min(1, 'Choose an image'),
  name: desktopNameSchema.optional(),
});

/** PATCH /desktops/:id @public */
export const updateDesktopRequestSchema = z.strictObject({
  name: desktopNameSchema,
});

/** POST /desktops/:id/tickets @public */
export const connectTicketRequestSchema = z.strictObject({
  mode: z.enum(['view', 'control']),
});

/** @public */
export type CreateDesktopRequest = z.infer<typeof createDesktopRequestSchema>;
/** @public */
export type UpdateDesktopRequest = z.infer<typeof updateDesktopRequestSchema>;
/** @public */
export type ConnectTicketRequest = z.infer<typeof connectTicketRequestSchema>;
