import express from 'express';
import { uncoveredRoutes } from './uncoveredRoutes';

describe('uncoveredRoutes', () => {
  const router = express.Router();
  const ok: express.RequestHandler = (_req, res) => {
    res.end();
  };
  router.get('/courses', ok);
  router.get('/courses/:courseId', ok);
  router.delete('/courses/:courseId/roster/:username', ok);
  router.use(ok);

  it('lists the routes no request reaches, by method', () => {
    expect(
      uncoveredRoutes(router, '/api/courses', [
        { method: 'get', path: '/api/courses/courses?scope=all' },
        { method: 'post', path: '/api/courses/courses/1' },
      ]),
    ).toEqual([
      'GET /courses/:courseId',
      'DELETE /courses/:courseId/roster/:username',
    ]);
  });

  it('is empty when every route is reached', () => {
    expect(
      uncoveredRoutes(router, '/api/courses', [
        { method: 'get', path: '/api/courses/courses' },
        { method: 'GET', path: '/api/courses/courses/1' },
        { method: 'delete', path: '/api/courses/courses/1/roster/alice' },
      ]),
    ).toEqual([]);
  });
});
