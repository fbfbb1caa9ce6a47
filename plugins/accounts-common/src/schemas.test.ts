import {
  setRoleRequestSchema,
  signUpRequestSchema,
  usernameSchema,
} from './schemas';
import { usernameFromEntityRef, userEntityRefFor } from './identity';

describe('accounts schemas', () => {
  it.each(['abc', 'a.b-c_1', 'a'.repeat(32)])('accepts username %s', name => {
    expect(usernameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['ab', 'Abc', '1abc', 'a'.repeat(33), 'a b', 'ab@'])(
    'rejects username %s',
    name => {
      expect(usernameSchema.safeParse(name).success).toBe(false);
    },
  );

  it('rejects a short password with a readable message', () => {
    const result = signUpRequestSchema.safeParse({
      username: 'alice',
      displayName: 'Alice',
      email: 'alice@example.com',
      password: 'short',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(
      'Password must be at least 8 characters',
    );
  });

  it('rejects unknown roles', () => {
    expect(setRoleRequestSchema.safeParse({ role: 'root' }).success).toBe(
      false,
    );
    expect(setRoleRequestSchema.parse({ role: 'admin' })).toEqual({
      role: 'admin',
    });
  });

  it('maps usernames to entity refs and back', () => {
    expect(userEntityRefFor('alice')).toBe('user:default/alice');
    expect(usernameFromEntityRef('user:default/alice')).toBe('alice');
    expect(usernameFromEntityRef('group:default/admins')).toBeUndefined();
  });
});
