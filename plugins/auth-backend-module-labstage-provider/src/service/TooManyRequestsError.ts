import { CustomErrorBase } from '@backstage/errors';

/** Maps to HTTP 429 in Backstage's error middleware through `statusCode`. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError';
  readonly statusCode = 429;
  readonly retryAfterSeconds: number;

  /** `action` completes "Too many …", e.g. "sign-in attempts". */
  constructor(action: string, msBeforeRetry: number) {
    super(`Too many ${action}; try again in ${describeWait(msBeforeRetry)}`);
    this.retryAfterSeconds = Math.max(1, Math.ceil(msBeforeRetry / 1000));
  }
}

function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) {
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
