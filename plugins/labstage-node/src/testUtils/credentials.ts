import { mockCredentials } from '@backstage/backend-test-utils';

/** Authorization header of a signed-in local user. */
export function userHeader(username: string): string {
  return mockCredentials.user.header(`user:default/${username}`);
}

/** Authorization header of backend plugin `pluginId` calling `targetPluginId`. */
export function serviceHeader(
  pluginId: string,
  targetPluginId: string,
): string {
  return mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`plugin:${pluginId}`),
    targetPluginId,
  });
}
