import {
  DELETED_AUTHOR,
  DELETED_AUTHOR_DISPLAY_NAME,
} from '@internal/backstage-plugin-accounts-common';
import { NotAllowedError } from '@backstage/errors';
import {
  authorDisplayName,
  isAuthorOf,
  mayChange,
  requireAuthorOrModerator,
} from './authorship';

describe('authorship of a deleted account', () => {
  it('belongs to nobody, whatever the caller is called', () => {
    expect(isAuthorOf('alice', 'alice')).toBe(true);
    expect(isAuthorOf(undefined, 'alice')).toBe(false);
    expect(isAuthorOf(DELETED_AUTHOR, DELETED_AUTHOR)).toBe(false);
  });

  it('is shown as "deleted user" even when the names map says otherwise', () => {
    const names = new Map([[DELETED_AUTHOR, 'Someone Else']]);
    expect(authorDisplayName(names, DELETED_AUTHOR)).toBe(
      DELETED_AUTHOR_DISPLAY_NAME,
    );
    expect(authorDisplayName(new Map(), 'bob')).toBe('bob');
  });
});

describe('the author-or-moderator rule', () => {
  const as = (callerUsername: string | undefined, canModerate: boolean) => ({
    callerUsername,
    canModerate,
  });

  it('lets the author and moderators change a post or comment', () => {
    expect(mayChange(as('alice', false), 'alice')).toBe(true);
    expect(mayChange(as('teacher', true), 'alice')).toBe(true);
    expect(mayChange(as('bob', false), 'alice')).toBe(false);
    expect(mayChange(as(undefined, false), 'alice')).toBe(false);
    expect(mayChange(as(DELETED_AUTHOR, false), DELETED_AUTHOR)).toBe(false);
    expect(mayChange(as('teacher', true), DELETED_AUTHOR)).toBe(true);
  });

  it('refuses anyone else with a message naming the action', () => {
    expect(() =>
      requireAuthorOrModerator(as('alice', false), 'alice', 'edit this post'),
    ).not.toThrow();
    expect(() =>
      requireAuthorOrModerator(
        as('bob', false),
        'alice',
        'delete this comment',
      ),
    ).toThrow(
      new NotAllowedError(
        'Only the author or a moderator can delete this comment',
      ),
    );
  });
});
