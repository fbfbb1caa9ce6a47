import { AuthenticationError } from '@backstage/errors';
import {
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  roleGroupRefs,
  User,
} from '@internal/backstage-plugin-accounts-common';
import { AccountsService } from '../lib/AccountsService';
import { readSessionToken } from '../lib/sessionCookie';

export type LabstageAuthResult = { user: User };

/**
 * Turns the `labstage_session` cookie into the signed-in account. Any
 * missing, expired or revoked session, or a disabled account, is a 401.
 */
export function createLabstageAuthenticator(accounts: AccountsService) {
  return createProxyAuthenticator<undefined, LabstageAuthResult, undefined>({
    defaultProfileTransform: async ({ user }) => ({
      profile: { displayName: user.displayName, email: user.email },
    }),
    initialize: () => undefined,
    async authenticate({ req }) {
      const token = readSessionToken(req);
      if (!token) {
        throw new AuthenticationError('Not signed in');
      }
      const user = await accounts.resolveSession(token);
      if (!user) {
        throw new AuthenticationError(
          'Your session has ended or your account is disabled',
        );
      }
      return { result: { user } };
    },
  });
}

/**
 * Issues the identity straight from the account, without the catalog: the
 * catalog provider may not have caught up with a brand-new account yet.
 */
export const labstageSignInResolver: SignInResolver<
  LabstageAuthResult
> = async ({ result }, ctx) =>
  ctx.issueToken({
    claims: {
      sub: result.user.userEntityRef,
      ent: [result.user.userEntityRef, ...roleGroupRefs(result.user.role)],
    },
  });

export function createLabstageProviderFactory(accounts: AccountsService) {
  return createProxyAuthProviderFactory({
    authenticator: createLabstageAuthenticator(accounts),
    signInResolver: labstageSignInResolver,
  });
}
