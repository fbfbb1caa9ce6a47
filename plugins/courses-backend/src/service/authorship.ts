import {
  DELETED_AUTHOR,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';

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
