import request from 'supertest';

/** HTTP methods the Labstage routes use. */
export type MatrixMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One row of an authorization matrix. */
export type MatrixRoute<Fixture> = {
  name: string;
  method: MatrixMethod;
  path: (fixture: Fixture) => string;
  body?: (fixture: Fixture) => object;
  /** A raw (non-JSON) body, for upload routes. */
  raw?: string;
  /** Expected statuses, in the order of the matrix's callers. */
  expected: readonly number[];
};

/** Sends one request to a test backend. */
export type MatrixSend = (
  method: MatrixMethod,
  url: string,
  auth: string | undefined,
  body?: object,
  raw?: string,
) => request.Test;

/**
 * A sender for `app` (a test backend's server); raw bodies go with
 * `rawContentType` (each plugin's upload routes want their own).
 */
export function matrixSender(
  app: Parameters<typeof request>[0],
  rawContentType: string,
): MatrixSend {
  return (method, url, auth, body, raw) => {
    let req = request(app)[method](url);
    if (auth) req = req.set('Authorization', auth);
    if (raw !== undefined) {
      return req.set('Content-Type', rawContentType).send(raw);
    }
    return body ? req.send(body) : req;
  };
}

/**
 * Like the sender, but for building fixtures: any other status than
 * `expectStatus` throws with the response, and the body is returned.
 */
export function fixtureSender(send: MatrixSend) {
  return async (expectStatus: number, ...args: Parameters<MatrixSend>) => {
    const res = await send(...args);
    if (res.status !== expectStatus) {
      throw new Error(
        `fixture ${args[0]} ${args[1]} gave ${res.status}: ${JSON.stringify(
          res.body,
        )}`,
      );
    }
    return res.body;
  };
}

/**
 * Sends every route as every caller, each case against a fresh fixture so
 * earlier cases never change the outcome, logs a one-line summary under
 * `label`, and returns the cases whose status differs from the expected one
 * (empty when all match).
 */
export async function runAuthorizationMatrix<
  Fixture,
  Actor extends string,
>(options: {
  label: string;
  routes: MatrixRoute<Fixture>[];
  actors: readonly Actor[];
  authHeaderOf: Record<Actor, string | undefined>;
  makeFixture: () => Promise<Fixture>;
  send: MatrixSend;
}): Promise<{ cases: number; unexpected: string[] }> {
  const { routes, actors, authHeaderOf, makeFixture, send } = options;
  const unexpected: string[] = [];
  let cases = 0;
  for (const route of routes) {
    for (const [i, actor] of actors.entries()) {
      const fixture = await makeFixture();
      const path = route.path(fixture);
      const res = await send(
        route.method,
        path,
        authHeaderOf[actor],
        route.body?.(fixture),
        route.raw,
      );
      cases += 1;
      if (res.status !== route.expected[i]) {
        unexpected.push(
          `${
            route.name
          } (${route.method.toUpperCase()} ${path}) as ${actor}: expected ${
            route.expected[i]
          }, got ${res.status} ${JSON.stringify(
            res.body?.error?.message ?? '',
          )}`,
        );
      }
    }
  }
  // eslint-disable-next-line no-console
  console.log(
    `${options.label}: ${cases} cases (${routes.length} routes × ${actors.length} callers), ${unexpected.length} unexpected`,
  );
  return { cases, unexpected };
}
