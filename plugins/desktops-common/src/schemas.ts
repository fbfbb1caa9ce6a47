import { singleLineText } from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';

/**
 * Desktop names: shown on cards; 1–60 characters on one line. No control
 * characters (tabs, line breaks, …), no U+0000 or unpaired surrogates: see
 * labstage-common's text rules.
 *
 * @public
 */
export const desktopNameSchema = singleLineText(
  'Desktop name',
  z
    .string()
    .trim()
    .min(1, 'Give the desktop a name')
    .max(60, 'Desktop names are at most 60 characters'),
);

/** POST /desktops @public */
export const createDesktopRequestSchema = z.strictObject({
  // Looked up in the image catalog (ids are [a-z0-9-]); the single-line
  // rule keeps NUL and friends out of the "no image 'x'" message and logs.
  imageId: singleLineText('Image', z.string().min(1, 'Choose an image')),
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
