import { useMemo } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { DesktopsApi, DesktopsClient, desktopsApiRef } from './DesktopsClient';

/**
 * The desktops API: the registered one when the desktops plugin is installed,
 * else a client built from core APIs (so the home card works anywhere).
 */
export function useDesktopsApi(): DesktopsApi {
  const holder = useApiHolder();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const identityApi = useApi(identityApiRef);
  const registered = holder.get(desktopsApiRef);
  return useMemo(
    () =>
      registered ?? new DesktopsClient({ discoveryApi, fetchApi, identityApi }),
    [registered, discoveryApi, fetchApi, identityApi],
  );
}
