import {
  actorPreservingAuthFactory,
  serviceHeader as sharedServiceHeader,
  userHeader,
} from '@internal/backstage-plugin-labstage-node/testUtils';

export { actorPreservingAuthFactory, userHeader };

/** Authorization header of a backend plugin calling catalog. */
export function serviceHeader(pluginId: string): string {
  return sharedServiceHeader(pluginId, 'catalog');
}
