import { LabstageApiError } from '@internal/backstage-plugin-labstage-react';
import { describeAuthError } from './describeAuthError';

describe('describeAuthError', () => {
  it('prefers what the server said, with a fallback per status', () => {
    expect(
      describeAuthError(new LabstageApiError('HTTP 401', 401), 'signin'),
    ).toBe('Incorrect username or password.');
    expect(
      describeAuthError(
        new LabstageApiError('HTTP 401', 401, {
          serverMessage: 'Wrong password.',
        }),
        'signin',
      ),
    ).toBe('Wrong password.');
    expect(
      describeAuthError(new LabstageApiError('HTTP 403', 403), 'signin'),
    ).toBe('This account has been disabled. Contact your administrator.');
  });

  it('says how long to wait when rate-limited, in seconds or minutes', () => {
    const limited = (retryAfterSeconds?: number) =>
      describeAuthError(
        new LabstageApiError('HTTP 429', 429, { retryAfterSeconds }),
        'signin',
      );
    expect(limited(30)).toBe(
      'Too many failed sign-in attempts. Try again in 30 seconds.',
    );
    expect(limited(601)).toBe(
      'Too many failed sign-in attempts. Try again in 11 minutes.',
    );
    expect(limited(undefined)).toBe('Too many failed sign-in attempts.');
  });

  it('explains a network failure (fetch throws a TypeError)', () => {
    expect(describeAuthError(new TypeError('Failed to fetch'), 'signup')).toBe(
      'Could not reach the Labstage server. Check your connection and try again.',
    );
  });
});
