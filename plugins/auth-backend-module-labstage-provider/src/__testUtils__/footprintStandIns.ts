import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { CourseFootprint } from '@internal/backstage-plugin-accounts-common';
import express from 'express';
import Router from 'express-promise-router';
import { RecordedCoursesCall } from './standIns';

/** What the courses and desktops stand-ins hold of each user. */
export type FootprintScript = {
  courses: Record<string, CourseFootprint>;
  desktops: Record<string, number>;
  /** The desktops stand-in answers its DELETE with 500 while set. */
  desktopsFail?: boolean;
};

const NONE: CourseFootprint = {
  enrolments: 0,
  posts: 0,
  comments: 0,
  soleInstructorOf: [],
};

/**
 * courses-backend's account routes, as the contract in accounts-common
 * describes them (the real ones are tested in courses-backend).
 */
export function addCourseFootprintRoutes(
  router: express.Router,
  script: FootprintScript,
  calls: RecordedCoursesCall[],
  callerOf: (req: express.Request) => Promise<string>,
) {
  router.get('/internal/users/:username/footprint', async (req, res) => {
    calls.push({ method: 'GET', path: req.path, caller: await callerOf(req) });
    res.json(script.courses[req.params.username] ?? NONE);
  });
  router.delete('/internal/users/:username', async (req, res) => {
    calls.push({
      method: 'DELETE',
      path: req.path,
      caller: await callerOf(req),
    });
    const footprint = script.courses[req.params.username] ?? NONE;
    if (footprint.soleInstructorOf.length > 0) {
      throw new ConflictError(
        `${req.params.username} is the only instructor of a course`,
      );
    }
    script.courses[req.params.username] = NONE;
    res.json(footprint);
  });
}

/** desktops-backend's account routes, per the same contract. */
export function createDesktopsStandIn(
  script: FootprintScript,
  calls: RecordedCoursesCall[],
) {
  return createBackendPlugin({
    pluginId: 'desktops',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          const callerOf = async (req: express.Request) =>
            (await httpAuth.credentials(req, { allow: ['service'] })).principal
              .subject;
          router.get(
            '/internal/users/:username/footprint',
            async (req, res) => {
              calls.push({
                method: 'GET',
                path: `desktops${req.path}`,
                caller: await callerOf(req),
              });
              res.json({ desktops: script.desktops[req.params.username] ?? 0 });
            },
          );
          router.delete(
            '/internal/users/:username/desktops',
            async (req, res) => {
              calls.push({
                method: 'DELETE',
                path: `desktops${req.path}`,
                caller: await callerOf(req),
              });
              if (script.desktopsFail) {
                res.status(500).json({
                  error: { name: 'Error', message: 'Docker is down' },
                });
                return;
              }
              const desktops = script.desktops[req.params.username] ?? 0;
              script.desktops[req.params.username] = 0;
              res.json({ desktops });
            },
          );
          httpRouter.use(router);
        },
      });
    },
  });
}
