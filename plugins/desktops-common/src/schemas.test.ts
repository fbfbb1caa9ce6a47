import {
  connectTicketRequestSchema,
  createDesktopRequestSchema,
  updateDesktopRequestSchema,
} from './schemas';

describe('desktop request schemas', () => {
  it('accepts a create request and trims the name', () => {
    expect(
      createDesktopRequestSchema.parse({ imageId: 'linux', name: ' Lab 1 ' }),
    ).toEqual({ imageId: 'linux', name: 'Lab 1' });
  });

  it('rejects unknown fields, empty and control-character names', () => {
    expect(
      createDesktopRequestSchema.safeParse({ imageId: 'x', owner: 'bob' })
        .success,
    ).toBe(false);
    expect(updateDesktopRequestSchema.safeParse({ name: '  ' }).success).toBe(
      false,
    );
    expect(
      updateDesktopRequestSchema.safeParse({ name: 'a\u0007b' }).success,
    ).toBe(false);
  });

  it('only knows view and control tickets', () => {
    expect(connectTicketRequestSchema.parse({ mode: 'view' })).toEqual({
      mode: 'view',
    });
    expect(
      connectTicketRequestSchema.safeParse({ mode: 'admin' }).success,
    ).toBe(false);
  });
});
