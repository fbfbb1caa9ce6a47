import type {
  AccountDeletionPreview,
  User,
} from '@internal/backstage-plugin-accounts-common';

/** A deletion preview for tests: Bob Lee, nothing in the way. */
export function deletionPreview(
  overrides: Partial<AccountDeletionPreview> = {},
): AccountDeletionPreview {
  return {
    username: 'bob',
    displayName: 'Bob Lee',
    desktops: 2,
    enrolments: 1,
    posts: 5,
    comments: 12,
    soleInstructorOf: [],
    ...overrides,
  };
}

/** An account for tests. */
export function testUser(
  username: string,
  overrides: Partial<User> = {},
): User {
  return {
    username,
    userEntityRef: `user:default/${username}`,
    displayName: username,
    email: `${username}@example.com`,
    role: 'student',
    disabled: false,
    createdAt: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}
