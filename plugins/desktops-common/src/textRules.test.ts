import {
  controlCharacterMessage,
  unstorableTextMessage,
} from '@internal/backstage-plugin-labstage-common';
import {
  connectTicketRequestSchema,
  createDesktopRequestSchema,
  desktopNameSchema,
  updateDesktopRequestSchema,
} from './schemas';

// Security review, issue 7 (low): names refuse U+0000, unpaired surrogates
// and control characters.

const messages = (result: {
  success: boolean;
  error?: { issues: Array<{ message: string }> };
}) => (result.success ? [] : result.error!.issues.map(i => i.message));

describe('desktop names', () => {
  it.each(['Lab\u0000', 'Lab\ud800', '\udc00Lab'])(
    'refuse %j as unstorable',
    name => {
      const expected = [unstorableTextMessage('Desktop name')];
      expect(messages(desktopNameSchema.safeParse(name))).toEqual(expected);
      expect(messages(updateDesktopRequestSchema.safeParse({ name }))).toEqual(
        expected,
      );
      expect(
        messages(
          createDesktopRequestSchema.safeParse({ imageId: 'linux', name }),
        ),
      ).toEqual(expected);
    },
  );

  it.each(['Lab\t1', 'Lab\n1', 'Lab\u0007', 'Lab\u007f1', 'Lab\u20281'])(
    'refuse the control character in %j',
    name => {
      expect(messages(desktopNameSchema.safeParse(name))).toEqual([
        controlCharacterMessage('Desktop name'),
      ]);
    },
  );

  it('accept emoji and other scripts, trimmed', () => {
    expect(desktopNameSchema.parse(' Lab \u{1F600} Zoë 日本 \n')).toBe(
      'Lab \u{1F600} Zoë 日本',
    );
  });
});

describe('other desktop request fields', () => {
  it('image ids refuse NUL and control characters', () => {
    expect(
      messages(
        createDesktopRequestSchema.safeParse({ imageId: 'linux\u0000' }),
      ),
    ).toEqual([unstorableTextMessage('Image')]);
    expect(
      messages(createDesktopRequestSchema.safeParse({ imageId: 'linux\n' })),
    ).toEqual([controlCharacterMessage('Image')]);
  });

  it('ticket modes are an enum', () => {
    expect(
      connectTicketRequestSchema.safeParse({ mode: 'view\u0000' }).success,
    ).toBe(false);
  });
});
