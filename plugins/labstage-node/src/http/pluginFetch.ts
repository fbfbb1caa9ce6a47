import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/** `fetch` against one plugin's base URL, with a token for it. @public */
export type PluginFetch = (
  path: string,
  init?: RequestInit,
) => Promise<Response>;

/**
 * Calls another plugin's routes. By default as this plugin (a service
 * token, which the Labstage backends require on `/internal` routes); with
 * `onBehalfOf` a user's credentials, so the other plugin applies its own
 * permission checks to that user.
 *
 * @public
 */
export function createPluginFetch(
  discovery: DiscoveryService,
  auth: AuthService,
  targetPluginId: string,
  options?: { onBehalfOf?: BackstageCredentials },
): PluginFetch {
  return async (path, init = {}) => {
    const baseUrl = await discovery.getBaseUrl(targetPluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf:
        options?.onBehalfOf ?? (await auth.getOwnServiceCredentials()),
      targetPluginId,
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
  };
}
