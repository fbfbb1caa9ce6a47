import {
  SignInRateLimiter,
  SignInRateLimiterOptions,
  slowDownMs,
} from './SignInRateLimiter';
import { TooManyRequestsError } from './TooManyRequestsError';

const options: SignInRateLimiterOptions = {
  windowSeconds: 600,
  maxFailuresPerAccountAndClient: 3,
  maxFailuresPerClient: 100,
  slowDownAfterAccountFailures: 100,
  maxSlowDownSeconds: 3,
};

/** `n` failed attempts: begun, never succeeded. */
async function fail(
  limiter: SignInRateLimiter,
  username: string,
  client: string,
  n = 1,
) {
  for (let i = 0; i < n; i++) {
    await limiter.begin(username, client);
  }
}

describe('SignInRateLimiter', () => {
  it('refuses one client on one account, not the account or the client', async () => {
    const limiter = new SignInRateLimiter(options);
    await fail(limiter, 'bob', 'school', 3);
    const refused = limiter.begin('bob', 'school');
    await expect(refused).rejects.toThrow(TooManyRequestsError);
    await expect(refused).rejects.toThrow(
      'Too many sign-in attempts; try again in 10 minutes',
    );
    await expect(refused).rejects.toMatchObject({
      retryAfterSeconds: expect.any(Number),
    });
    await expect(limiter.begin('bob', 'home')).resolves.toBeDefined();
    await expect(limiter.begin('alice', 'school')).resolves.toBeDefined();
  });

  it('counts attempts that are still being verified', async () => {
    const limiter = new SignInRateLimiter(options);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => limiter.begin('bob', 'school')),
    );
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(3);
  });

  it('forgives the pair after a success and returns abandoned attempts', async () => {
    const limiter = new SignInRateLimiter(options);
    await fail(limiter, 'bob', 'school', 2);
    await (await limiter.begin('bob', 'school')).succeeded();
    await fail(limiter, 'bob', 'school', 2);
    for (let i = 0; i < 5; i++) {
      await (await limiter.begin('bob', 'school')).abandoned();
    }
    await fail(limiter, 'bob', 'school');
    await expect(limiter.begin('bob', 'school')).rejects.toThrow(
      TooManyRequestsError,
    );
  });

  it('refuses a client spraying many accounts, but not for refused guesses', async () => {
    const limiter = new SignInRateLimiter({
      ...options,
      maxFailuresPerClient: 5,
    });
    // Refused guesses on one account don't use up the shared address.
    await fail(limiter, 'bob', 'school', 3);
    for (let i = 0; i < 20; i++) {
      await expect(limiter.begin('bob', 'school')).rejects.toThrow();
    }
    await fail(limiter, 'alice', 'school');
    await fail(limiter, 'carol', 'school');
    await expect(limiter.begin('dave', 'school')).rejects.toThrow(
      'Too many sign-in attempts; try again in 10 minutes',
    );
    await expect(limiter.begin('dave', 'home')).resolves.toBeDefined();
  });

  it('slows down, but never refuses, an account guessed from many clients', async () => {
    const delays: number[] = [];
    const limiter = new SignInRateLimiter(
      { ...options, slowDownAfterAccountFailures: 2, maxSlowDownSeconds: 1 },
      { sleep: async ms => void delays.push(ms) },
    );
    for (let client = 0; client < 6; client++) {
      await fail(limiter, 'bob', `client-${client}`);
    }
    expect(delays).toEqual([250, 500, 1000, 1000]);
    // A success is not a failure: it takes its own point back.
    await (await limiter.begin('bob', 'owner')).succeeded();
    await fail(limiter, 'alice', 'client-0');
    await fail(limiter, 'bob', 'client-7');
    expect(delays).toEqual([250, 500, 1000, 1000, 1000, 1000]);
  });

  it('computes the slow-down from the failures past the threshold', () => {
    const limits = { slowDownAfterAccountFailures: 10, maxSlowDownSeconds: 3 };
    expect(
      [9, 10, 11, 12, 13, 14, 15, 1e6].map(n => slowDownMs(n, limits)),
    ).toEqual([0, 0, 250, 500, 1000, 2000, 3000, 3000]);
    expect(
      slowDownMs(50, {
        slowDownAfterAccountFailures: 10,
        maxSlowDownSeconds: 0,
      }),
    ).toBe(0);
  });
});
