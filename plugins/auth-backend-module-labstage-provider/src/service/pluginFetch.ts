import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

export type PluginFetch = (
  path: string,
  init?: RequestInit,
) => Promise<Response>;

/**
 * Calls another plugin's routes as `plugin:auth`, which the other Labstage
 * backends require on their `/internal` routes.
 */
export function createPluginFetch(
  discovery: DiscoveryService,
  auth: AuthService,
  targetPluginId: string,
): PluginFetch {
  return async (path, init = {}) => {
    const baseUrl = await discovery.getBaseUrl(targetPluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId,
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
  };
}
