import { RouteContext } from './context';

/**
 * Display names for usernames from the accounts directory, falling back to
 * the username (unknown user, or the directory is unreachable).
 */
export async function displayNames(
  ctx: RouteContext,
  usernames: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(usernames)];
  const names = new Map<string, string>();
  await Promise.all(
    unique.map(async username => {
      try {
        const user = await ctx.directory.getUser(username);
        names.set(username, user?.displayName || username);
      } catch (error) {
        ctx.logger.warn(
          `Could not look up display name of ${username}: ${error}`,
        );
        names.set(username, username);
      }
    }),
  );
  return names;
}
