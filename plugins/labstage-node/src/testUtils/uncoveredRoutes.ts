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
