import { isDesktopOwner } from './rules';

describe('desktop permission rules', () => {
  const desktop = { id: 'd1', owner: 'user:default/alice', courseId: null };

  it.each([
    ['user:default/alice', true],
    ['user:default/ALICE', true],
    ['user:default/bob', false],
    ['', false],
  ])('%s owns it: %s', (ref, expected) => {
    expect(isDesktopOwner.apply(desktop, { userEntityRef: ref })).toBe(
      expected,
    );
  });

  it('queries by owner', () => {
    expect(
      isDesktopOwner.toQuery({ userEntityRef: 'user:default/alice' }),
    ).toEqual({ kind: 'owner', userEntityRef: 'user:default/alice' });
  });
});
