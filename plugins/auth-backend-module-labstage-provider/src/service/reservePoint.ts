import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from './TooManyRequestsError';

/**
 * One attempt whose failure is already counted. Not calling either method
 * leaves it counted, which is what a wrong password should do.
 */
export type ReservedAttempt = {
  /** The password was right: the failures it was counted against are forgiven. */
  succeeded(): Promise<void>;
  /** Nothing was verified (e.g. the database failed): the point goes back. */
  abandoned(): Promise<void>;
};

/**
 * Takes one point for `key` before the guarded work runs, so that requests
 * racing each other are counted one by one: `consume` increments and checks
 * in one synchronous step. Give the point back with `reward` when the work
 * turns out not to count as a failure.
 */
export async function reservePoint(
  limiter: RateLimiterMemory,
  key: string,
  action: string,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new TooManyRequestsError(action, rejection.msBeforeNext);
    }
    throw rejection;
  }
}
