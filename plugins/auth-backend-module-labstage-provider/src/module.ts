import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { applyMigrations } from './store/migrate';
import { SessionStore } from './store/SessionStore';
import { UserStore } from './store/UserStore';
import { AccountDeletion } from './service/AccountDeletion';
import { AccountFootprints } from './service/AccountFootprints';
import { AccountsService } from './service/AccountsService';
import { eventsAnnouncer } from './service/announceAccountChange';
import { CoursesEnrolmentClient } from './service/CoursesEnrolmentClient';
import { seedDemoAccounts } from './service/seedDemoAccounts';
import { sessionCookieOptionsFromUrl } from './http/sessionCookie';
import { PasswordChangeRateLimiter } from './service/PasswordChangeRateLimiter';
import { readRateLimitOptions } from './service/rateLimitConfig';
import { SignInRateLimiter } from './service/SignInRateLimiter';
import { createLabstageProviderFactory } from './provider/labstageProvider';
import { createAccountsRouter } from './http/createAccountsRouter';

/**
 * Labstage local accounts inside the auth plugin: the `/accounts` REST API
 * and the `labstage` sign-in provider (enable it with
 * `auth.providers.labstage: {}`).
 *
 * @public
 */
export const authModuleLabstageProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'labstage-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger, database, discovery } = deps;
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyMigrations(knex);
        }
        const users = new UserStore(knex);
        const sessions = new SessionStore(knex);
        const rateLimits = readRateLimitOptions(config);
        const announce = eventsAnnouncer(deps.events, logger);
        const accounts = new AccountsService({
          users,
          sessions,
          signInLimiter: new SignInRateLimiter(rateLimits),
          passwordChangeLimiter: new PasswordChangeRateLimiter(rateLimits),
          courses: new CoursesEnrolmentClient(discovery, deps.auth),
          announce,
          logger,
        });

        if (config.getOptionalBoolean('labstage.demo.seed')) {
          await seedDemoAccounts(users, logger);
        }

        deps.providers.registerProvider({
          providerId: 'labstage',
          factory: createLabstageProviderFactory(accounts),
        });

        deps.httpRouter.use(
          createAccountsRouter({
            accounts,
            deletion: new AccountDeletion({
              users,
              sessions,
              footprints: new AccountFootprints(discovery, deps.auth),
              announce,
              logger,
            }),
            users,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            cookie: sessionCookieOptionsFromUrl(
              await discovery.getExternalBaseUrl('auth'),
            ),
            logger,
          }),
        );

        await deps.scheduler.scheduleTask({
          id: 'labstage-accounts-expired-sessions',
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const removed = await sessions.deleteExpired();
            if (removed > 0) {
              logger.info(`Removed ${removed} expired Labstage session(s)`);
            }
          },
        });
      },
    });
  },
});
