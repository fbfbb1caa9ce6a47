import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Parses with zod; a failure becomes a 400 carrying zod's messages. */
export function parse<T extends z.ZodType>(
  schema: T,
  data: unknown,
): z.output<T> {
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    const message = result.error.issues
      .map(issue =>
        issue.path.length > 0
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      )
      .join('; ');
    throw new InputError(message);
  }
  return result.data;
}

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
