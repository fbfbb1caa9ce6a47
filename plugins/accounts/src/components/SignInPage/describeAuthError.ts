import {
  LabstageApiError,
  errorMessage,
} from '@internal/backstage-plugin-labstage-react';
import { retryAfterHint } from '../common/retryAfter';

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
        const base = server ?? 'Too many failed sign-in attempts.';
        const hint = retryAfterHint(error.retryAfterSeconds);
        return hint ? `${base} ${hint}` : base;
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
