import { RootConfigService } from '@backstage/backend-plugin-api';

/** `labstage.accounts.signInRateLimit`; see config.d.ts for the meaning. */
export type RateLimitOptions = {
  windowSeconds: number;
  maxFailuresPerAccountAndClient: number;
  maxFailuresPerClient: number;
  slowDownAfterAccountFailures: number;
  maxSlowDownSeconds: number;
  maxPasswordChangeFailures: number;
};

export const DEFAULT_RATE_LIMIT_OPTIONS: RateLimitOptions = {
  windowSeconds: 15 * 60,
  maxFailuresPerAccountAndClient: 5,
  maxFailuresPerClient: 1000,
  slowDownAfterAccountFailures: 10,
  maxSlowDownSeconds: 3,
  maxPasswordChangeFailures: 5,
};

export function readRateLimitOptions(
  config: RootConfigService,
): RateLimitOptions {
  const c = config.getOptionalConfig('labstage.accounts.signInRateLimit');
  const read = (key: keyof RateLimitOptions) =>
    c?.getOptionalNumber(key) ?? DEFAULT_RATE_LIMIT_OPTIONS[key];
  return {
    windowSeconds: read('windowSeconds'),
    maxFailuresPerAccountAndClient: read('maxFailuresPerAccountAndClient'),
    maxFailuresPerClient: read('maxFailuresPerClient'),
    slowDownAfterAccountFailures: read('slowDownAfterAccountFailures'),
    maxSlowDownSeconds: read('maxSlowDownSeconds'),
    maxPasswordChangeFailures: read('maxPasswordChangeFailures'),
  };
}
