import {
  LabstageApiError,
  errorMessage,
} from '@internal/backstage-plugin-accounts-react';

/** Turns an API failure into a sentence fit for the sign-in screen. */
export function describeAuthError(
  error: unknown,
  mode: 'signin' | 'signup',
): string {
  if (error instanceof LabstageApiError) {
    const server = error.serverMessage;
    switch (error.statusCode) {
      case 401:
        return mode === 'signin'
          ? server ?? 'Incorrect username or password.'
          : server ?? 'Sign-up was rejected.';
      case 403:
        return (
          server ??
          'This account has been disabled. Contact your administrator.'
        );
      case 429: {
        const wait = error.retryAfterSeconds;
        const base = server ?? 'Too many failed sign-in attempts.';
        if (wait === undefined) return base;
        const minutes = Math.ceil(wait / 60);
        return `${base} Try again in ${
          wait < 90 ? `${wait} seconds` : `${minutes} minutes`
        }.`;
      }
      default:
        return error.message;
    }
  }
  if (error instanceof TypeError) {
    return 'Could not reach the Labstage server. Check your connection and try again.';
  }
  return errorMessage(error);
}
