import { defaultDesktopName } from './defaultDesktopName';

describe('defaultDesktopName', () => {
  it('uses the image title when the owner has no desktop of that name', () => {
    expect(defaultDesktopName('Linux desktop', ['Other'])).toBe(
      'Linux desktop',
    );
  });

  it('numbers from 2 and fills the first gap', () => {
    expect(defaultDesktopName('Linux desktop', ['Linux desktop'])).toBe(
      'Linux desktop 2',
    );
    expect(
      defaultDesktopName('Linux desktop', [
        'Linux desktop',
        'Linux desktop 2',
        'Linux desktop 4',
      ]),
    ).toBe('Linux desktop 3');
  });

  it('shortens long titles to 55 characters before numbering', () => {
    const title = 'x'.repeat(80);
    expect(defaultDesktopName(title, [])).toBe('x'.repeat(55));
    expect(defaultDesktopName(title, ['x'.repeat(55)])).toBe(
      `${'x'.repeat(55)} 2`,
    );
  });
});
