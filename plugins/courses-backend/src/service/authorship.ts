import { NotAllowedError } from '@backstage/errors';
import {
  DELETED_AUTHOR,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';

/** Who acts on a post or comment, and whether they moderate the course. */
export type Actor = { callerUsername?: string; canModerate: boolean };

/**
 * Whether the caller wrote a post or comment. A deleted account's writing
 * has no author any more: only moderators may change it.
 */
export function isAuthorOf(
  callerUsername: string | undefined,
  authorUsername: string,
): boolean {
  return (
    callerUsername !== undefined &&
    authorUsername !== DELETED_AUTHOR &&
    callerUsername === authorUsername
  );
}

/** The author-or-moderator rule: who may edit or delete a post or comment. */
export function mayChange(actor: Actor, authorUsername: string): boolean {
  return actor.canModerate || isAuthorOf(actor.callerUsername, authorUsername);
}

/**
 * 403 unless `mayChange`; `action` ends the message "Only the author or a
 * moderator can …", e.g. "edit this post".
 */
export function requireAuthorOrModerator(
  actor: Actor,
  authorUsername: string,
  action: string,
): void {
  if (!mayChange(actor, authorUsername)) {
    throw new NotAllowedError(`Only the author or a moderator can ${action}`);
  }
}

/** The name shown for an author; a deleted account's is fixed. */
export function authorDisplayName(
  names: Map<string, string>,
  authorUsername: string,
): string {
  if (authorUsername === DELETED_AUTHOR) return DELETED_AUTHOR_DISPLAY_NAME;
  return names.get(authorUsername) ?? authorUsername;
}

/** The uploader of a material, as shown; a deleted account's is fixed. */
export function uploaderName(uploadedBy: string): string {
  return uploadedBy === DELETED_AUTHOR
    ? DELETED_AUTHOR_DISPLAY_NAME
    : uploadedBy;
}
