import { useMemo } from 'react';
import {
  ApiRef,
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
  IdentityApi,
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';

/** The core APIs a Labstage client is built from. @public */
export type CoreApis = {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  identityApi: IdentityApi;
};

/**
 * A plugin's API: the registered implementation when the plugin is
 * installed, else one built from the core APIs, so home cards and the app
 * shell work without the plugin's page. `create` should be a module-level
 * function; it is not a memo dependency.
 *
 * @public
 */
export function usePluginApi<T>(
  apiRef: ApiRef<T>,
  create: (apis: CoreApis) => T,
): T {
  const registered = useApiHolder().get(apiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const identityApi = useApi(identityApiRef);
  return useMemo(
    () => registered ?? create({ discoveryApi, fetchApi, identityApi }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [registered, discoveryApi, fetchApi, identityApi],
  );
}
