import { deletionPreview } from '../../testing/fixtures';
import {
  describeKept,
  describeRemoved,
  isDeletionBlocked,
} from './deletionText';

describe('deletion preview wording', () => {
  it('says what goes and what stays, for an admin', () => {
    const preview = deletionPreview();
    expect(describeRemoved(preview, 'admin')).toBe(
      'Deleting Bob Lee (bob) removes 2 desktops and their home folders and 1 course enrolment.',
    );
    expect(describeKept(preview, 'admin')).toBe(
      "Their 5 posts and 12 comments stay, shown as written by 'deleted user'.",
    );
  });

  it('speaks to the user about their own account', () => {
    const preview = deletionPreview({ desktops: 1, enrolments: 3, posts: 0 });
    expect(describeRemoved(preview, 'self')).toBe(
      'Deleting your account removes your 1 desktop and its home folder and your 3 course enrolments.',
    );
    expect(describeKept(preview, 'self')).toBe(
      "Your 12 comments stay, shown as written by 'deleted user'.",
    );
  });

  it('handles an account with nothing attached', () => {
    const preview = deletionPreview({
      desktops: 0,
      enrolments: 0,
      posts: 0,
      comments: 0,
    });
    expect(describeRemoved(preview, 'admin')).toBe(
      'Deleting Bob Lee (bob) removes the account; they have no desktops or course enrolments.',
    );
    expect(describeKept(preview, 'admin')).toBe(
      'They have written no posts or comments.',
    );
    expect(describeKept({ ...preview, posts: 1 }, 'admin')).toBe(
      "Their 1 post stays, shown as written by 'deleted user'.",
    );
  });

  it('is blocked by sole instructorship or a server reason', () => {
    expect(isDeletionBlocked(deletionPreview())).toBe(false);
    expect(
      isDeletionBlocked(
        deletionPreview({
          soleInstructorOf: [{ courseId: 'c1', code: 'CS1', title: 'Intro' }],
        }),
      ),
    ).toBe(true);
    expect(
      isDeletionBlocked(deletionPreview({ blockedBecause: 'last admin' })),
    ).toBe(true);
  });
});
