import {
  USERNAME_PATTERN,
  usernameSchema,
} from '@internal/backstage-plugin-accounts-common';
import { z } from 'zod';

// The desktops API's own request shapes; bodies shared with the frontend
// (create, update, connect ticket) are in desktops-common. Parse them with
// labstage-node's `parseInput`.

/** GET /desktops */
export const listQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
});

/** PUT /desktops/:id/files */
export const uploadQuerySchema = z.object({
  name: z
    .string()
    .min(1, 'Give the file a name')
    .max(255, 'File names are at most 255 characters'),
});

/** GET /desktops/:id/files */
export const downloadQuerySchema = z.object({
  path: z
    .string()
    .min(1, 'Say which file to download')
    .max(4096, 'The path is too long'),
});

/** /internal/users/:username/… */
export const userParamsSchema = z.object({ username: usernameSchema });

/**
 * `:grantee` of /desktops/:id/shares/:grantee: a user entity ref,
 * URL-encoded (`user%3Adefault%2Fbob`); refs are case-insensitive, stored
 * in lower case.
 */
export const granteeParamSchema = z
  .string()
  .transform(ref => ref.toLocaleLowerCase('en-US'))
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^user:default/${USERNAME_PATTERN.source.slice(1, -1)}$`),
        'Name the person by user entity ref, user:default/<username>',
      ),
  );
