import { SignInRateLimiter, TooManyRequestsError } from './SignInRateLimiter';

describe('SignInRateLimiter', () => {
  it('blocks a client IP that sprays failures across accounts', async () => {
    const limiter = new SignInRateLimiter({
      maxFailuresPerAccount: 100,
      maxFailuresPerIp: 3,
      windowSeconds: 45,
    });
    for (const name of ['a1', 'a2', 'a3']) {
      await limiter.assertAllowed(name, '10.0.0.1');
      await limiter.recordFailure(name, '10.0.0.1');
    }
    const blocked = limiter.assertAllowed('a4', '10.0.0.1');
    await expect(blocked).rejects.toThrow(TooManyRequestsError);
    await expect(blocked).rejects.toThrow(
      /^Too many sign-in attempts; try again in (4[0-5]|3\d) seconds$/,
    );
    await expect(
      limiter.assertAllowed('a4', '10.0.0.2'),
    ).resolves.toBeUndefined();
  });

  it('unblocks an account after a success but keeps the IP counter', async () => {
    const limiter = new SignInRateLimiter({
      maxFailuresPerAccount: 2,
      maxFailuresPerIp: 3,
      windowSeconds: 600,
    });
    await limiter.recordFailure('bob', 'ip');
    await limiter.recordFailure('bob', 'ip');
    await expect(limiter.assertAllowed('bob', 'other-ip')).rejects.toThrow(
      'try again in 10 minutes',
    );
    await limiter.recordSuccess('bob');
    await expect(
      limiter.assertAllowed('bob', 'other-ip'),
    ).resolves.toBeUndefined();
    await limiter.recordFailure('carol', 'ip');
    await expect(limiter.assertAllowed('dave', 'ip')).rejects.toThrow(
      TooManyRequestsError,
    );
  });
});
