import { useCallback } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { clearCurrentAccountCache } from '@internal/backstage-plugin-accounts-react';

/**
 * Ends the session in this browser: forgets the cached account and resets
 * the app's identity, which brings back the sign-in page.
 */
export function useEndLocalSession(): () => Promise<void> {
  const identityApi = useApi(identityApiRef);
  return useCallback(async () => {
    clearCurrentAccountCache();
    await identityApi.signOut();
  }, [identityApi]);
}
