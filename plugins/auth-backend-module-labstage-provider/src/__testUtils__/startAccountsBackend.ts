import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import request from 'supertest';
import accountsModule from '../index';
import { AccountChangedEvent } from '@internal/backstage-plugin-accounts-common';
import { createDesktopsStandIn, FootprintScript } from './footprintStandIns';
import {
  adminOnlyPermissionsStandIn,
  createAccountChangesRecorder,
  createCoursesStandIn,
  RecordedCoursesCall,
} from './standIns';

/**
 * The real auth plugin with this module, on SQLite, with stand-ins only for
 * the parts built by others (permission policy, courses-backend).
 */
export async function startAccountsBackend(
  options: {
    seed?: boolean;
    maxFailuresPerAccountAndClient?: number;
    /** Replaces the whole `signInRateLimit` block; `{}` means the defaults. */
    signInRateLimit?: Record<string, number>;
    /** What courses-backend and desktops-backend hold of each user. */
    footprints?: FootprintScript;
  } = {},
) {
  const coursesCalls: RecordedCoursesCall[] = [];
  const accountChanges: AccountChangedEvent[] = [];
  const footprints = options.footprints ?? { courses: {}, desktops: {} };
  const backend = await startTestBackend({
    features: [
      authPlugin,
      accountsModule,
      createCoursesStandIn(coursesCalls, footprints),
      createDesktopsStandIn(footprints, coursesCalls),
      createAccountChangesRecorder(accountChanges),
      // The real events service: the test utils' mock gives each plugin a
      // bus of its own, so nothing would cross from one plugin to another.
      eventsServiceFactory,
      adminOnlyPermissionsStandIn,
      // Requests without a token must be anonymous, as in production.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          // No events backend here: deliver in-process only, with no HTTP
          // polling left behind when the test backend stops.
          events: { useEventBus: 'never' },
          auth: { providers: { labstage: {} } },
          labstage: {
            demo: { seed: options.seed ?? true },
            accounts: {
              signInRateLimit: options.signInRateLimit ?? {
                maxFailuresPerAccountAndClient:
                  options.maxFailuresPerAccountAndClient ?? 3,
                maxFailuresPerClient: 100,
                maxSlowDownSeconds: 0.01,
                windowSeconds: 600,
              },
            },
          },
        },
      }),
    ],
  });
  return {
    backend,
    http: request(backend.server),
    coursesCalls,
    accountChanges,
  };
}

export type Http = ReturnType<typeof request>;

/** Authorization header of a signed-in local user. */
export const asUser = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

/** Signs in and returns the `labstage_session` cookie header value. */
export async function signIn(
  http: Http,
  username: string,
  password: string,
): Promise<string> {
  const res = await http
    .post('/api/auth/accounts/signin')
    .send({ username, password });
  if (res.status !== 200) {
    throw new Error(
      `sign-in failed: ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  const cookie = (res.headers['set-cookie'] as unknown as string[])[0];
  return cookie.split(';')[0];
}
