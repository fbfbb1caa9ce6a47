import { isStaff } from './roles';

describe('isStaff', () => {
  it('is true for instructors and admins only', () => {
    expect(isStaff('admin')).toBe(true);
    expect(isStaff('instructor')).toBe(true);
    expect(isStaff('student')).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});
