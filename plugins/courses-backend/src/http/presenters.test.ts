import {
  DELETED_AUTHOR,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';
import { presentComment, presentMaterial, presentPost } from './presenters';

const post = {
  id: 'p1',
  courseId: 'c1',
  board: 'qa' as const,
  title: 'T',
  body: 'B',
  authorUsername: DELETED_AUTHOR,
  pinned: false,
  locked: false,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  commentCount: 0,
};
const comment = {
  id: 'x1',
  postId: 'p1',
  body: 'B',
  authorUsername: DELETED_AUTHOR,
  createdAt: post.createdAt,
  updatedAt: post.updatedAt,
};

describe('presenting the writing of a deleted account', () => {
  it('can be edited by moderators only', () => {
    const as = (callerUsername: string, canModerate: boolean) => ({
      names: new Map<string, string>(),
      callerUsername,
      canModerate,
    });
    expect(presentPost(post, as(DELETED_AUTHOR, false))).toMatchObject({
      authorDisplayName: DELETED_AUTHOR_DISPLAY_NAME,
      canEdit: false,
    });
    expect(presentComment(comment, as(DELETED_AUTHOR, false)).canEdit).toBe(
      false,
    );
    expect(presentPost(post, as('teacher', true)).canEdit).toBe(true);
    expect(presentComment(comment, as('teacher', true)).canEdit).toBe(true);
  });

  it('shows a deleted uploader of a material as "deleted user", and others as they are', () => {
    const material = {
      id: 'm1',
      courseId: 'c1',
      filename: 'notes.pdf',
      size: 3,
      contentType: 'application/pdf',
      storageKey: 'k',
      createdAt: post.createdAt,
    };
    expect(
      presentMaterial({ ...material, uploadedBy: DELETED_AUTHOR }).uploadedBy,
    ).toBe(DELETED_AUTHOR_DISPLAY_NAME);
    expect(
      presentMaterial({ ...material, uploadedBy: 'teacher' }).uploadedBy,
    ).toBe('teacher');
  });
});
