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
