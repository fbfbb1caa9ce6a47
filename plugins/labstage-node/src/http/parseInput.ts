import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Validates untrusted input (a body, a query) with zod. A failure becomes a
 * 400 whose message names each bad field, so the client can show it as is.
 */
export function parseInput<T extends z.ZodType>(
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
