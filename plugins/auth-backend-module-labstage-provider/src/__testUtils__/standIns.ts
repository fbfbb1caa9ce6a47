import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ACCOUNT_CHANGED_TOPIC,
  AccountChangedEvent,
} from '@internal/backstage-plugin-accounts-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { accountsDirectoryServiceRef } from '@internal/backstage-plugin-accounts-node';
import express from 'express';
import { addCourseFootprintRoutes, FootprintScript } from './footprintStandIns';
import Router from 'express-promise-router';

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: string }).type === 'user';
}

/**
 * Stand-in for the Labstage permission policy (written elsewhere): enabled
 * admins are allowed everything, everyone else nothing. It resolves roles
 * through the real accounts directory client, like the real policy does.
 */
export const adminOnlyPermissionsStandIn = createServiceFactory({
  service: coreServices.permissions,
  deps: { directory: accountsDirectoryServiceRef },
  factory({ directory }) {
    async function decide(credentials: BackstageCredentials) {
      if (!isUser(credentials)) {
        return AuthorizeResult.DENY;
      }
      const user = await directory.getUserByRef(
        credentials.principal.userEntityRef,
      );
      return user?.role === 'admin' && !user.disabled
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    }
    return {
      async authorize(requests, { credentials }) {
        const result = await decide(credentials);
        return requests.map(() => ({ result }));
      },
      async authorizeConditional(queries, { credentials }) {
        const result = await decide(credentials);
        return queries.map(() => ({ result })) as any;
      },
    };
  },
});

export type RecordedCoursesCall = {
  method: string;
  path: string;
  caller: string;
  body?: unknown;
};

/**
 * Stand-in for courses-backend's internal routes (built elsewhere): one valid
 * join code, `GOODCODE`, and a log of every call it received.
 */
export function createCoursesStandIn(
  calls: RecordedCoursesCall[],
  footprints: FootprintScript = { courses: {}, desktops: {} },
) {
  return createBackendPlugin({
    pluginId: 'courses',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          router.use(express.json());
          router.get('/internal/join-codes/:code', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            calls.push({
              method: 'GET',
              path: req.path,
              caller: credentials.principal.subject,
            });
            if (req.params.code !== 'GOODCODE') {
              throw new NotFoundError('No such join code');
            }
            res.json({ courseId: 'c1', title: 'Intro' });
          });
          router.post('/internal/enrolments', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            calls.push({
              method: 'POST',
              path: req.path,
              caller: credentials.principal.subject,
              body: req.body,
            });
            if (req.body?.code !== 'GOODCODE') {
              throw new InputError('bad code');
            }
            res.status(201).json({ courseId: 'c1' });
          });
          addCourseFootprintRoutes(
            router,
            footprints,
            calls,
            async req =>
              (await httpAuth.credentials(req, { allow: ['service'] }))
                .principal.subject,
          );
          httpRouter.use(router);
        },
      });
    },
  });
}

/**
 * A plugin that records what the accounts module announces on the (real)
 * events service, as desktops-backend and the directory caches hear it.
 */
export function createAccountChangesRecorder(seen: AccountChangedEvent[]) {
  return createBackendPlugin({
    pluginId: 'account-changes-recorder',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'account-changes-recorder',
            topics: [ACCOUNT_CHANGED_TOPIC],
            onEvent: async ({ eventPayload }) => {
              seen.push(eventPayload as AccountChangedEvent);
            },
          });
        },
      });
    },
  });
}
