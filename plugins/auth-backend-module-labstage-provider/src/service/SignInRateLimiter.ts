import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RateLimitOptions } from './rateLimitConfig';
import { ReservedAttempt, reservePoint } from './reservePoint';

export type SignInRateLimiterOptions = Pick<
  RateLimitOptions,
  | 'windowSeconds'
  | 'maxFailuresPerAccountAndClient'
  | 'maxFailuresPerClient'
  | 'slowDownAfterAccountFailures'
  | 'maxSlowDownSeconds'
>;

const ACTION = 'sign-in attempts';
const FIRST_SLOW_DOWN_MS = 250;

/** Doubles from 250 ms with each failure past the threshold, up to the cap. */
export function slowDownMs(
  accountFailures: number,
  options: Pick<
    SignInRateLimiterOptions,
    'slowDownAfterAccountFailures' | 'maxSlowDownSeconds'
  >,
): number {
  const excess = accountFailures - options.slowDownAfterAccountFailures;
  if (excess <= 0) {
    return 0;
  }
  const ms = FIRST_SLOW_DOWN_MS * 2 ** Math.min(excess - 1, 20);
  return Math.min(ms, options.maxSlowDownSeconds * 1000);
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Whole schools sign in from one address (NAT, or a proxy without
 * `backend.trustProxy`), so the address alone must not decide:
 *
 * - failures per (account, client) are refused past a small limit, which
 *   stops one guesser without touching anyone else behind that address;
 * - failures per account across all clients only slow answers down, so a
 *   guesser with many addresses can't lock the owner out;
 * - failures per client are refused past a limit far above a class's typos,
 *   against spraying many accounts.
 *
 * Points are taken before the password is verified, so parallel guesses are
 * each counted. In memory: with several backend replicas each keeps its own
 * counters, which still bounds guessing per replica.
 */
export class SignInRateLimiter {
  readonly #perPair: RateLimiterMemory;
  readonly #perClient: RateLimiterMemory;
  readonly #perAccount: RateLimiterMemory;
  readonly #options: SignInRateLimiterOptions;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(
    options: SignInRateLimiterOptions,
    deps: { sleep?: (ms: number) => Promise<void> } = {},
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterMemory({
        keyPrefix,
        points,
        duration: options.windowSeconds,
      });
    this.#perPair = limiter('pair', options.maxFailuresPerAccountAndClient);
    this.#perClient = limiter('client', options.maxFailuresPerClient);
    // Never refuses (penalty() ignores the points); it only paces answers.
    this.#perAccount = limiter('account', Number.MAX_SAFE_INTEGER);
    this.#options = options;
    this.#sleep = deps.sleep ?? sleep;
  }

  /**
   * Counts the attempt as a failure up front, then waits out the account's
   * slow-down. Throws TooManyRequestsError, before any password is checked,
   * when the client, or this client on this account, is over its limit.
   */
  async begin(username: string, client: string): Promise<ReservedAttempt> {
    // The client's point is taken first so that a refused pair gives it back
    // at once: guesses refused on one account don't use up the address.
    const pair = JSON.stringify([username, client]);
    await reservePoint(this.#perClient, client, ACTION);
    try {
      await reservePoint(this.#perPair, pair, ACTION);
    } catch (error) {
      await this.#perClient.reward(client);
      throw error;
    }
    const account = await this.#perAccount.penalty(username);
    const delay = slowDownMs(account.consumedPoints, this.#options);
    if (delay > 0) {
      await this.#sleep(delay);
    }

    return {
      succeeded: async () => {
        // A few typos before the right password must not carry over into the
        // next sign-in; the account-wide count stays, it only slows down.
        await this.#perPair.delete(pair);
        await this.#perClient.reward(client);
        await this.#perAccount.reward(username);
      },
      abandoned: async () => {
        await this.#perPair.reward(pair);
        await this.#perClient.reward(client);
        await this.#perAccount.reward(username);
      },
    };
  }
}
