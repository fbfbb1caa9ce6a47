import {
  DELETED_AUTHOR,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';

/**
 * Display names for usernames from the accounts directory, falling back to
 * the username (unknown user, or the directory is unreachable). A deleted
 * account's writing is never looked up: the name now belongs to nobody.
 */
export async function displayNames(
  deps: { directory: AccountsDirectory; logger: LoggerService },
  usernames: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(usernames)];
  const names = new Map<string, string>();
  await Promise.all(
    unique.map(async username => {
      if (username === DELETED_AUTHOR) {
        names.set(username, DELETED_AUTHOR_DISPLAY_NAME);
        return;
      }
      try {
        const user = await deps.directory.getUser(username);
        names.set(username, user?.displayName || username);
      } catch (error) {
        deps.logger.warn(
          `Could not look up display name of ${username}: ${error}`,
        );
        names.set(username, username);
      }
    }),
  );
  return names;
}
