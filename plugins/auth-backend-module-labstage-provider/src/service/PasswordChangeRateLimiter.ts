import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RateLimitOptions } from './rateLimitConfig';
import { ReservedAttempt, reservePoint } from './reservePoint';

/**
 * Wrong current passwords on `POST /me/password`, per account. A stolen
 * session must not become an unlimited oracle for the account's password.
 * Only signed-in callers get here, so one counter per account is enough.
 */
export class PasswordChangeRateLimiter {
  readonly #perAccount: RateLimiterMemory;

  constructor(
    options: Pick<
      RateLimitOptions,
      'windowSeconds' | 'maxPasswordChangeFailures'
    >,
  ) {
    this.#perAccount = new RateLimiterMemory({
      keyPrefix: 'password-change',
      points: options.maxPasswordChangeFailures,
      duration: options.windowSeconds,
    });
  }

  /** Counts a failure before the current password is checked. */
  async begin(username: string): Promise<ReservedAttempt> {
    await reservePoint(this.#perAccount, username, 'password change attempts');
    return {
      succeeded: async () => {
        await this.#perAccount.delete(username);
      },
      abandoned: async () => {
        await this.#perAccount.reward(username);
      },
    };
  }
}
