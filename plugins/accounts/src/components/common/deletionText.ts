import {
  AccountDeletionPreview,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';

/** Who reads the preview: an admin about someone else, or the user themself. */
export type DeletionAudience = 'admin' | 'self';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Deleting Bob Lee (bob) removes 2 desktops and their home folders and …" */
export function describeRemoved(
  preview: AccountDeletionPreview,
  audience: DeletionAudience,
): string {
  const own = audience === 'self' ? 'your ' : '';
  const removed: string[] = [];
  if (preview.desktops > 0) {
    removed.push(
      `${own}${count(
        preview.desktops,
        'desktop and its home folder',
        'desktops and their home folders',
      )}`,
    );
  }
  if (preview.enrolments > 0) {
    removed.push(
      `${own}${count(
        preview.enrolments,
        'course enrolment',
        'course enrolments',
      )}`,
    );
  }
  const subject =
    audience === 'self'
      ? 'Deleting your account'
      : `Deleting ${preview.displayName} (${preview.username})`;
  if (removed.length === 0) {
    return `${subject} removes the account; ${
      audience === 'self' ? 'you have' : 'they have'
    } no desktops or course enrolments.`;
  }
  return `${subject} removes ${joinAnd(removed)}.`;
}

/** "Their 5 posts and 12 comments stay, shown as written by 'deleted user'." */
export function describeKept(
  preview: AccountDeletionPreview,
  audience: DeletionAudience,
): string {
  const kept: string[] = [];
  if (preview.posts > 0) kept.push(count(preview.posts, 'post', 'posts'));
  if (preview.comments > 0) {
    kept.push(count(preview.comments, 'comment', 'comments'));
  }
  const owner = audience === 'self' ? 'Your' : 'Their';
  const shownAs = `shown as written by '${DELETED_AUTHOR_DISPLAY_NAME}'`;
  if (kept.length === 0) {
    return `${
      audience === 'self' ? 'You have' : 'They have'
    } written no posts or comments.`;
  }
  const verb = preview.posts + preview.comments === 1 ? 'stays' : 'stay';
  return `${owner} ${joinAnd(kept)} ${verb}, ${shownAs}.`;
}

/** True when the server would refuse the deletion right now. */
export function isDeletionBlocked(preview: AccountDeletionPreview): boolean {
  return preview.soleInstructorOf.length > 0 || Boolean(preview.blockedBecause);
}
