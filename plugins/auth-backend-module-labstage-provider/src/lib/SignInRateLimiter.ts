import { RootConfigService } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Maps to HTTP 429 in Backstage's error middleware through `statusCode`. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError';
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

export type SignInRateLimiterOptions = {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
};

function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) {
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Counts failed sign-ins per account (guessing one password) and per client
 * IP (spraying many accounts). In memory: with several backend replicas each
 * keeps its own counters, which still bounds guessing per replica.
 */
export class SignInRateLimiter {
  readonly #perAccount: RateLimiterMemory;
  readonly #perIp: RateLimiterMemory;

  static fromConfig(config: RootConfigService): SignInRateLimiter {
    const c = config.getOptionalConfig('labstage.accounts.signInRateLimit');
    return new SignInRateLimiter({
      maxFailuresPerAccount: c?.getOptionalNumber('maxFailuresPerAccount') ?? 5,
      maxFailuresPerIp: c?.getOptionalNumber('maxFailuresPerIp') ?? 50,
      windowSeconds: c?.getOptionalNumber('windowSeconds') ?? 15 * 60,
    });
  }

  constructor(options: SignInRateLimiterOptions) {
    this.#perAccount = new RateLimiterMemory({
      keyPrefix: 'account',
      points: options.maxFailuresPerAccount,
      duration: options.windowSeconds,
    });
    this.#perIp = new RateLimiterMemory({
      keyPrefix: 'ip',
      points: options.maxFailuresPerIp,
      duration: options.windowSeconds,
    });
  }

  /** Throws TooManyRequestsError if either counter is exhausted. */
  async assertAllowed(username: string, ip: string): Promise<void> {
    const [account, client] = await Promise.all([
      this.#perAccount.get(username),
      this.#perIp.get(ip),
    ]);
    const blocked = [account, client].filter(
      (r): r is RateLimiterRes => !!r && r.remainingPoints <= 0,
    );
    if (blocked.length > 0) {
      const waitMs = Math.max(...blocked.map(r => r.msBeforeNext));
      throw new TooManyRequestsError(
        `Too many sign-in attempts; try again in ${describeWait(waitMs)}`,
        Math.ceil(waitMs / 1000),
      );
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    // penalty() never rejects, unlike consume() once points run out.
    await Promise.all([
      this.#perAccount.penalty(username, 1),
      this.#perIp.penalty(ip, 1),
    ]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.#perAccount.delete(username);
  }
}
