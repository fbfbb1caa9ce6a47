import { putShareRequestSchema } from './sharing';

describe('share request schema', () => {
  it.each(['viewer', 'controller'])('accepts the role %s', role => {
    expect(putShareRequestSchema.parse({ role })).toEqual({ role });
  });

  it('refuses other roles with a message naming the two there are', () => {
    const result = putShareRequestSchema.safeParse({ role: 'owner' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(
      'The role is "viewer" or "controller"',
    );
    expect(putShareRequestSchema.safeParse({}).success).toBe(false);
  });

  it('refuses unknown fields (strict)', () => {
    expect(
      putShareRequestSchema.safeParse({ role: 'viewer', grantee: 'x' }).success,
    ).toBe(false);
  });
});
