import { mockServices } from '@backstage/backend-test-utils';
import { Router } from 'express';

/** A request a test sends: its method and concrete path (query allowed). */
export type SentRequest = { method: string; path: string };

type RouteLayer = {
  route?: { path: string; methods: Record<string, boolean> };
};

/**
 * The routes `router` registers (as `GET /courses/:courseId`) that none of
 * `sent` reaches, so an authorization matrix can require a row for every
 * route: a route added without one fails the test instead of going
 * unchecked. Paths in `sent` include `mountPath` (e.g. `/api/courses`).
 */
export function uncoveredRoutes(
  router: Router,
  mountPath: string,
  sent: SentRequest[],
): string[] {
  const requests = sent.map(r => ({
    method: r.method.toLowerCase(),
    path: r.path.split('?')[0],
  }));
  const layers = (router as unknown as { stack: RouteLayer[] }).stack;
  return layers.flatMap(({ route }) => {
    if (!route) return [];
    const pattern = new RegExp(
      `^${escapeRegExp(mountPath + route.path).replace(
        /:[A-Za-z0-9_]+/g,
        '[^/]+',
      )}$`,
    );
    return Object.keys(route.methods)
      .filter(
        method =>
          !requests.some(r => r.method === method && pattern.test(r.path)),
      )
      .map(method => `${method.toUpperCase()} ${route.path}`);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The routes a plugin's router registers that no matrix row reaches. The
 * router is built with a bare context: registering routes only captures it.
 */
export async function routesWithoutMatrixRows<Fixture>(options: {
  createRouter: (ctx: never) => Promise<Router>;
  mountPath: string;
  routes: Array<{ method: string; path: (fixture: Fixture) => string }>;
  /** Any values: the paths are only matched against route patterns. */
  placeholders: Fixture;
}): Promise<string[]> {
  const router = await options.createRouter({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  } as never);
  return uncoveredRoutes(
    router,
    options.mountPath,
    options.routes.map(r => ({
      method: r.method,
      path: r.path(options.placeholders),
    })),
  );
}
