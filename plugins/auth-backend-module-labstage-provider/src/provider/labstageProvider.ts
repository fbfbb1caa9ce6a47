import { AuthenticationError } from '@backstage/errors';
import {
  AuthProviderFactory,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  roleGroupRefs,
  User,
} from '@internal/backstage-plugin-accounts-common';
import { AccountsService } from '../service/AccountsService';
import { readSessionToken } from '../http/sessionCookie';

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

/**
 * Backstage's proxy providers answer refresh to any request that carries the
 * cookie. Its OAuth providers also demand `X-Requested-With: XMLHttpRequest`
 * as a light CSRF guard: no link, form or image can send it, and a script on
 * another origin can't add it without a CORS preflight. The labstage refresh
 * hands out a Backstage token, so it demands the header too, failing with
 * the OAuth providers' error (401 AuthenticationError).
 */
export function createLabstageProviderFactory(
  accounts: AccountsService,
): AuthProviderFactory {
  const proxyFactory = createProxyAuthProviderFactory({
    authenticator: createLabstageAuthenticator(accounts),
    signInResolver: labstageSignInResolver,
  });
  return options => {
    const handlers = proxyFactory(options);
    return {
      ...handlers,
      async refresh(req, res) {
        if (req.header('X-Requested-With') !== 'XMLHttpRequest') {
          throw new AuthenticationError('Invalid X-Requested-With header');
        }
        await handlers.refresh?.(req, res);
      },
    };
  };
}
