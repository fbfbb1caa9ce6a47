import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { User } from '@internal/backstage-plugin-accounts-common';
import {
  assertOk,
  CoreApis,
  usePluginApi,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { AccountsApi, AccountsClient, accountsApiRef } from './AccountsClient';

const createClient = (apis: CoreApis) => new AccountsClient(apis);

/**
 * The accounts API: the registered implementation when the accounts plugin
 * is installed, otherwise a client built from the core APIs (so the sign-in
 * page and the app shell work on their own).
 *
 * @public
 */
export function useAccountsApi(): AccountsApi {
  return usePluginApi(accountsApiRef, createClient);
}

// Many components ask for the current account at once (nav, home, pages);
// share one request for a few seconds instead of sending one each.
const CACHE_MS = 5000;
let cached: { at: number; promise: Promise<User> } | undefined;

/**
 * Forgets the cached current account (after a profile change or sign-out).
 *
 * @public
 */
export function clearCurrentAccountCache() {
  cached = undefined;
}

/** @public */
export type CurrentAccountState = {
  value?: User;
  loading: boolean;
  error?: Error;
  retry: () => void;
};

/**
 * The signed-in user's Labstage account (`GET /api/auth/accounts/me`).
 *
 * @public
 */
export function useCurrentAccount(): CurrentAccountState {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const state = useReloadableAsync(async () => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) {
      const promise = (async () => {
        const base = await discoveryApi.getBaseUrl('auth');
        const res = await fetchApi.fetch(`${base}/accounts/me`);
        await assertOk(res);
        return ((await res.json()) as { user: User }).user;
      })();
      cached = { at: now, promise };
      promise.catch(() => {
        if (cached?.promise === promise) cached = undefined;
      });
    }
    return cached.promise;
  }, [discoveryApi, fetchApi]);
  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    retry: () => {
      clearCurrentAccountCache();
      state.retry();
    },
  };
}
