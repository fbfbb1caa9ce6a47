import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock auth service, except that a token issued on behalf of a user
 * carries the calling plugin as actor, as real Backstage tokens do. The
 * permissions registry's apply-conditions endpoint (and the catalog's,
 * behind its ancestry route) requires that actor, and the stock mock drops
 * it.
 */
export const actorPreservingAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const base = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => base.authenticate(token, options),
      getNoneCredentials: () => base.getNoneCredentials(),
      getOwnServiceCredentials: () => base.getOwnServiceCredentials(),
      isPrincipal: ((credentials: any, type: any) =>
        base.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials => base.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => base.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && principal.userEntityRef) {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          };
        }
        return base.getPluginRequestToken(options);
      },
    };
  },
});
