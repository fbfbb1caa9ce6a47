import { DiscoveryService } from '@backstage/backend-plugin-api';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the stand-in received, with what its mock token says. */
export type RecordedRequest = {
  method: string;
  /** `desktops` or `courses`: the plugin the request went to. */
  pluginId: string;
  /** The path below `/api/<pluginId>`. */
  path: string;
  body: unknown;
  /** The decoded mock service token: who it is on behalf of, for whom. */
  token: { obo?: string; sub?: string; target?: string } | undefined;
};

export type Reply = { status: number; body?: unknown };

export type RouteHandler = (
  request: RecordedRequest & { params: Record<string, string> },
) => Reply | Promise<Reply>;

/** A Backstage-style error answer, as the Labstage plugins send them. */
export function errorReply(status: number, name: string, message: string) {
  return {
    status,
    body: {
      error: { name, message },
      request: { method: 'X', url: '/' },
      response: { statusCode: status },
    },
  };
}

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * A loopback HTTP server on 127.0.0.1 standing in for the Labstage plugins'
 * routes in the actions' unit tests: `routes` are keyed
 * `'<METHOD> /<pluginId><path>'` with `:name` parameters, e.g.
 * `'POST /desktops/desktops/:id/image'`. Every request is recorded; one
 * without a route gets a 404 in Backstage's error format. `discovery`
 * points the actions at it.
 */
export async function startLoopbackLabstage(
  routes: Record<string, RouteHandler>,
) {
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ');
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    return { method, regex, names, handler };
  });
  const requests: RecordedRequest[] = [];

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/api\/([^/]+)(\/.*)$/.exec(url.pathname);
    const authorization = req.headers.authorization ?? '';
    const rawToken = authorization.replace(/^Bearer /, '');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      pluginId: match?.[1] ?? '',
      path: match?.[2] ?? url.pathname,
      body: text ? JSON.parse(text) : undefined,
      token: rawToken.startsWith(MOCK_SERVICE_TOKEN_PREFIX)
        ? JSON.parse(rawToken.slice(MOCK_SERVICE_TOKEN_PREFIX.length))
        : undefined,
    };
    requests.push(recorded);

    let reply: Reply = errorReply(
      404,
      'NotFoundError',
      `No route for ${recorded.method} ${url.pathname}`,
    );
    if (!recorded.token) {
      reply = errorReply(401, 'AuthenticationError', 'Missing token');
    } else {
      const key = `/${recorded.pluginId}${recorded.path}`;
      for (const route of compiled) {
        const found = route.regex.exec(key);
        if (route.method === recorded.method && found) {
          const params = Object.fromEntries(
            route.names.map((name, i) => [
              name,
              decodeURIComponent(found[i + 1]),
            ]),
          );
          try {
            reply = await route.handler({ ...recorded, params });
          } catch (error) {
            reply = errorReply(500, 'Error', String(error));
          }
          break;
        }
      }
    }
    res.statusCode = reply.status;
    res.statusMessage = http.STATUS_CODES[reply.status] ?? '';
    if (reply.body === undefined) {
      res.end();
    } else {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(reply.body));
    }
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api`;
  const discovery: DiscoveryService = {
    getBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
    getExternalBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
  };

  return {
    requests,
    discovery,
    /** Requests other than GET: what a dry run must not send. */
    mutatingRequests: () => requests.filter(r => r.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}
