import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FoundOperation, HarborContract } from './harborContract';

/** One request the fake Harbor got, as its operation saw it. */
export type HarborRequest = {
  operationId: string;
  method: string;
  /** The raw path as sent (percent-encoded), without the query. */
  rawPath: string;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
};

/** What a handler answers: a status the swagger documents for the operation. */
export type HarborAnswer = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

/** An artifact as the swagger's `Artifact` definition has it. */
export type ArtifactExample = Record<string, unknown> & { digest: string };

type Robot = {
  id: number;
  /** As stored: `<project>+<name>`; listed as `robot$<project>+<name>`. */
  storedName: string;
  projectId: number;
  secret: string;
  body: Record<string, unknown>;
};

const loaded: { contract?: HarborContract } = {};

/** The swagger, parsed once per test file. */
export function harborContract(): HarborContract {
  loaded.contract ??= HarborContract.load();
  return loaded.contract;
}

/**
 * A loopback HTTP server that plays Harbor from its swagger. Every request
 * is looked up in the swagger by method and path template; an unknown
 * operation, an undeclared or malformed parameter, a missing required one
 * or a body that does not validate is a *violation*: it is recorded (tests
 * assert there are none) and answered 400. Every answer is checked against
 * the documented responses of the operation before it is sent, so the
 * examples the tests write are the shapes the swagger documents. Behind
 * that sits a small in-memory Harbor (projects, repositories, artifacts,
 * robot accounts).
 */
export class FakeHarbor {
  readonly contract = harborContract();
  readonly violations: string[] = [];
  readonly requests: HarborRequest[] = [];
  readonly username = 'labstage-admin';
  readonly password = 'Harbor-Secret-12345';
  /** When set, GET /users/current answers 412, as for a robot account. */
  loginIsRobot = false;
  readonly projects = new Map<string, { id: number }>();
  /** Repository name (`<project>/<name>`) → its artifacts. */
  readonly artifacts = new Map<string, ArtifactExample[]>();
  readonly robots: Robot[] = [];
  #nextId = 1;
  /** Answers to use once, instead of the in-memory Harbor's, per operationId. */
  readonly #overrides = new Map<string, HarborAnswer[]>();
  #server?: Server;

  static async start(): Promise<FakeHarbor> {
    const harbor = new FakeHarbor();
    await harbor.#listen();
    return harbor;
  }

  get url(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get host(): string {
    return new URL(this.url).host;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(done => server.close(() => done()));
  }

  addProject(name: string): number {
    const id = this.#nextId++;
    this.projects.set(name, { id });
    return id;
  }

  /** A repository with its artifacts; the project must exist. */
  addRepository(repository: string, artifacts: ArtifactExample[] = []): void {
    this.artifacts.set(repository, artifacts);
  }

  /** The next answer of `operationId` is `answer` (validated like any other). */
  answerOnce(operationId: string, answer: HarborAnswer): void {
    const queue = this.#overrides.get(operationId) ?? [];
    queue.push(answer);
    this.#overrides.set(operationId, queue);
  }

  /** Throws, listing them, if anything broke the contract. */
  assertNoViolations(): void {
    if (this.violations.length) {
      throw new Error(
        `The Harbor swagger was not followed:\n${this.violations.join('\n')}`,
      );
    }
  }

  requestsTo(operationId: string): HarborRequest[] {
    return this.requests.filter(r => r.operationId === operationId);
  }

  /** Robot accounts as Harbor lists them (`Robot` definition). */
  listedRobot(robot: Robot): Record<string, unknown> {
    return {
      id: robot.id,
      name: `robot$${robot.storedName}`,
      description: robot.body.description,
      level: 'project',
      duration: robot.body.duration,
      editable: true,
      disable: robot.body.disable ?? false,
      expires_at: -1,
      permissions: robot.body.permissions,
      creator_type: 'local',
      creator_ref: 1,
      creation_time: '2026-05-01T10:00:00.000Z',
      update_time: '2026-05-01T10:00:00.000Z',
    };
  }

  async #listen(): Promise<void> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const answer = this.#handle(req, Buffer.concat(chunks).toString());
        const body =
          answer.body === undefined ? undefined : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...answer.headers,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    });
    await new Promise<void>(done =>
      this.#server!.listen(0, '127.0.0.1', () => done()),
    );
  }

  #handle(req: IncomingMessage, rawBody: string): HarborAnswer {
    const checked = this.contract.checkRequest({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: rawBody,
    });
    if (!checked.ok) {
      this.violations.push(...checked.problems);
      // Not checked against the swagger: the request was already wrong.
      return checked.found
        ? errors(400, checked.problems.join('; '))
        : errors(404, checked.problems.join('; '));
    }
    const { found } = checked;
    const request: HarborRequest = {
      operationId: found.operation.operationId,
      method: found.method,
      rawPath: new URL(req.url ?? '/', 'http://harbor.invalid').pathname,
      pathParams: found.pathParams,
      query: checked.query,
      headers: req.headers,
      body: checked.body,
    };
    this.requests.push(request);

    const authenticated =
      req.headers.authorization ===
      `Basic ${Buffer.from(`${this.username}:${this.password}`).toString(
        'base64',
      )}`;
    if (!authenticated && this.contract.response(found.operation, 401)) {
      return this.#answer(found, errors(401, 'unauthorized'));
    }
    const override = this.#overrides.get(request.operationId)?.shift();
    return this.#answer(found, override ?? this.#harbor(request));
  }

  /** Sends `answer` if the swagger documents it; otherwise records why not. */
  #answer(found: FoundOperation, answer: HarborAnswer): HarborAnswer {
    const problems = this.contract.checkResponse(
      found,
      answer.status,
      answer.headers ?? {},
      answer.body,
    );
    if (problems.length) {
      this.violations.push(
        ...problems.map(p => `the test server's own answer: ${p}`),
      );
    }
    return answer;
  }

  /** The in-memory Harbor. */
  #harbor(request: HarborRequest): HarborAnswer {
    const { pathParams: params, query, body } = request;
    switch (request.operationId) {
      case 'getCurrentUserInfo':
        return this.loginIsRobot
          ? errors(412, 'the API is not available to robot accounts')
          : {
              status: 200,
              body: {
                user_id: 3,
                username: this.username,
                email: 'labstage-admin@example.edu',
                realname: 'Labstage',
                comment: '',
                sysadmin_flag: true,
                admin_role_in_auth: false,
                creation_time: '2026-01-05T09:00:00.000Z',
                update_time: '2026-01-05T09:00:00.000Z',
              },
            };
      case 'headProject':
        return { status: this.projects.has(query.project_name) ? 200 : 404 };
      case 'createProject': {
        const name = (body as { project_name: string }).project_name;
        if (this.projects.has(name)) {
          return errors(409, `The project named ${name} already exists`);
        }
        const id = this.addProject(name);
        return {
          status: 201,
          headers: { Location: `/api/v2.0/projects/${id}` },
        };
      }
      case 'getProject': {
        const project = this.projects.get(params.project_name_or_id);
        if (!project) {
          return errors(404, `project ${params.project_name_or_id} not found`);
        }
        return {
          status: 200,
          body: {
            project_id: project.id,
            name: params.project_name_or_id,
            owner_id: 3,
            owner_name: this.username,
            repo_count: 0,
            creation_time: '2026-01-05T09:00:00.000Z',
            metadata: { public: 'false' },
          },
        };
      }
      case 'listRepositories': {
        const project = this.projects.get(params.project_name);
        if (!project) {
          return errors(404, `project ${params.project_name} not found`);
        }
        const names = [...this.artifacts.keys()]
          .filter(r => r.startsWith(`${params.project_name}/`))
          .sort();
        return page(
          names.map((name, i) => ({
            id: i + 1,
            project_id: project.id,
            name,
            artifact_count: this.artifacts.get(name)!.length,
            pull_count: 0,
            creation_time: '2026-02-01T08:00:00.000Z',
            update_time: '2026-02-01T08:00:00.000Z',
          })),
          query,
        );
      }
      case 'listArtifacts': {
        // Harbor decodes the repository name a second time itself.
        const repository = `${params.project_name}/${decodeURIComponent(
          params.repository_name,
        )}`;
        const artifacts = this.artifacts.get(repository);
        if (!artifacts) {
          return errors(404, `repository ${repository} not found`);
        }
        return page(artifacts, query);
      }
      case 'deleteArtifact': {
        const repository = `${params.project_name}/${decodeURIComponent(
          params.repository_name,
        )}`;
        const artifacts = this.artifacts.get(repository) ?? [];
        const index = artifacts.findIndex(a => a.digest === params.reference);
        if (index < 0) {
          return errors(
            404,
            `artifact ${repository}@${params.reference} not found`,
          );
        }
        artifacts.splice(index, 1);
        return { status: 200 };
      }
      case 'ListRobot': {
        const keywords = Object.fromEntries(
          (query.q ?? '').split(',').map(k => k.split('=')),
        );
        const projectId =
          keywords.Level === 'project' ? Number(keywords.ProjectID) : 0;
        return page(
          this.robots
            .filter(r => r.projectId === projectId)
            .map(r => this.listedRobot(r)),
          query,
        );
      }
      case 'CreateRobot': {
        const robot = body as {
          name: string;
          permissions: Array<{ namespace: string }>;
        };
        const project = robot.permissions[0]?.namespace;
        const projectId = this.projects.get(project)?.id;
        if (projectId === undefined) {
          return errors(404, `project ${project} not found`);
        }
        const storedName = `${project}+${robot.name}`;
        if (this.robots.some(r => r.storedName === storedName)) {
          // Real Harbor answers 409, which the swagger does not list for
          // this operation; Labstage deletes the old robot first, so this
          // never happens unless that is broken.
          this.violations.push(`CreateRobot: robot ${storedName} exists`);
          return errors(400, `robot ${storedName} already exists`);
        }
        const id = this.#nextId++;
        const secret = `Pull${id}SecretAbc`;
        this.robots.push({ id, storedName, projectId, secret, body: robot });
        return {
          status: 201,
          headers: { Location: `/api/v2.0/robots/${id}` },
          body: {
            id,
            name: `robot$${storedName}`,
            secret,
            creation_time: '2026-05-01T10:00:00.000Z',
            expires_at: -1,
          },
        };
      }
      case 'DeleteRobot': {
        const index = this.robots.findIndex(
          r => r.id === Number(params.robot_id),
        );
        if (index < 0) return errors(404, `robot ${params.robot_id} not found`);
        this.robots.splice(index, 1);
        return { status: 200 };
      }
      default:
        this.violations.push(
          `${request.operationId}: the test server does not play this operation`,
        );
        return errors(500, `${request.operationId} is not played here`);
    }
  }
}

/** Harbor's `Errors` body with one error. */
export function errors(status: number, message: string): HarborAnswer {
  const code: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    412: 'PRECONDITION',
    500: 'UNKNOWN',
  };
  return {
    status,
    body: { errors: [{ code: code[status] ?? 'UNKNOWN', message }] },
  };
}

/** One page of a list, with X-Total-Count and Link as Harbor sends them. */
function page(items: unknown[], query: Record<string, string>): HarborAnswer {
  const number = Number(query.page ?? 1);
  const size = Number(query.page_size ?? 10);
  const start = (number - 1) * size;
  const links: string[] = [];
  if (number > 1)
    links.push(`<?page=${number - 1}&page_size=${size}>; rel="prev"`);
  if (start + size < items.length) {
    links.push(`<?page=${number + 1}&page_size=${size}>; rel="next"`);
  }
  return {
    status: 200,
    headers: {
      'X-Total-Count': String(items.length),
      ...(links.length ? { Link: links.join(' , ') } : {}),
    },
    body: items.slice(start, start + size),
  };
}
