import type { RootConfigService } from '@backstage/backend-plugin-api';
import {
  ImageRegistry,
  RegistryArtifact,
  RegistryCredentials,
  RegistryError,
} from '@internal/backstage-plugin-desktops-node';

/** Harbor's largest `page_size`, so lists take as few calls as possible. */
const PAGE_SIZE = 100;
/** A list longer than this many pages is taken for Harbor ignoring `page`. */
const MAX_PAGES = 10_000;
/** Name of the pull robot in each project; Harbor shows it as `robot$<project>+labstage-pull`. */
export const PULL_ROBOT_NAME = 'labstage-pull';

/** @public */
export type HarborRegistryOptions = {
  /** Harbor's address, e.g. `https://harbor.example.edu`; plain http only for loopback. */
  url: string;
  /** Labstage's Harbor account (an administrator or a system robot). */
  username: string;
  password: string;
  /** Default `labstage-personal`. */
  personalProject?: string;
  /** Default `labstage-course-`. */
  courseProjectPrefix?: string;
  /** A call that has not answered after this long counts as unreachable. Default 30 s. */
  timeoutMs?: number;
};

/** The parts of Harbor's answers that Labstage reads (see the swagger's definitions). */
type HarborProject = { project_id?: number; name?: string };
type HarborRepository = { name?: string };
type HarborRobot = { id?: number; name?: string };
type HarborRobotCreated = { id?: number; name?: string; secret?: string };
type HarborArtifact = {
  digest?: string;
  size?: number;
  push_time?: string;
  tags?: Array<{ name?: string }> | null;
  extra_attrs?: Record<string, unknown> | null;
  scan_overview?: Record<
    string,
    {
      scan_status?: string;
      severity?: string;
      summary?: { total?: number; fixable?: number } | null;
    }
  > | null;
};
type HarborErrors = { errors?: Array<{ code?: string; message?: string }> };

type CallOptions = {
  /** What Labstage was doing, for the error message. */
  doing: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Statuses besides 2xx that are answers, not failures. */
  alsoOk?: number[];
};

/**
 * Harbor through its REST API v2.0 (`<url>/api/v2.0`) with basic auth.
 * Labstage keeps its images in Harbor projects: the personal project and
 * one per course (`courseProjectPrefix` + course); it refuses to touch any
 * other project. Images are pushed with Labstage's own account and pulled
 * with a pull-only robot account per project, which is created when first
 * needed in each backend process (Harbor shows a robot's secret only once,
 * so a restart replaces the robot).
 *
 * @public
 */
export class HarborRegistry implements ImageRegistry {
  readonly host: string;
  readonly #api: string;
  readonly #authorization: string;
  /** Never to appear in an error message, whatever Harbor or the network says. */
  readonly #secrets: string[];
  readonly #pushCredentials: RegistryCredentials;
  /** Where personal images go (`desktops.harbor.personalProject`). */
  readonly personalProject: string;
  readonly #courseProjectPrefix: string;
  readonly #timeoutMs: number;
  readonly #pullCredentials = new Map<string, Promise<RegistryCredentials>>();

  static fromConfig(config: RootConfigService): HarborRegistry {
    const harbor = config.getConfig('desktops.harbor');
    return new HarborRegistry({
      url: harbor.getString('url'),
      username: harbor.getString('username'),
      password: harbor.getString('password'),
      personalProject: harbor.getOptionalString('personalProject'),
      courseProjectPrefix: harbor.getOptionalString('courseProjectPrefix'),
    });
  }

  constructor(options: HarborRegistryOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
      throw new Error(
        `desktops.harbor.url ${url.origin}: use https for a Harbor that is not on this machine`,
      );
    }
    this.host = url.host;
    this.#api = `${url.origin}/api/v2.0`;
    this.#authorization = `Basic ${Buffer.from(
      `${options.username}:${options.password}`,
    ).toString('base64')}`;
    this.#secrets = [options.password, this.#authorization.slice(6)].filter(
      secret => secret.length >= 4,
    );
    this.#pushCredentials = {
      username: options.username,
      password: options.password,
      serveraddress: url.host,
    };
    this.personalProject = options.personalProject ?? 'labstage-personal';
    this.#courseProjectPrefix =
      options.courseProjectPrefix ?? 'labstage-course-';
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  async check(): Promise<void> {
    // 412: authenticated, but not as a local user (a robot account).
    const response = await this.#call('GET', '/users/current', {
      doing: "checking Labstage's credentials",
      alsoOk: [412],
    });
    await response.body?.cancel();
  }

  async ensureProject(project: string): Promise<void> {
    this.#ownProject(project);
    const exists = await this.#call('HEAD', '/projects', {
      doing: `looking for project ${project}`,
      query: { project_name: project },
      alsoOk: [404],
    });
    await exists.body?.cancel();
    if (exists.status !== 404) return;
    const created = await this.#call('POST', '/projects', {
      doing: `creating project ${project}`,
      body: { project_name: project, metadata: { public: 'false' } },
      // Someone else created it since the HEAD: it exists, which is the point.
      alsoOk: [409],
    });
    await created.body?.cancel();
  }

  async pushCredentials(project: string): Promise<RegistryCredentials> {
    this.#ownProject(project);
    return this.#pushCredentials;
  }

  async pullCredentials(project: string): Promise<RegistryCredentials> {
    this.#ownProject(project);
    let credentials = this.#pullCredentials.get(project);
    if (!credentials) {
      credentials = this.#newPullRobot(project);
      this.#pullCredentials.set(project, credentials);
      // A failure is not remembered: the next call tries again.
      credentials.catch(() => this.#pullCredentials.delete(project));
    }
    return credentials;
  }

  async listRepositories(project: string): Promise<string[]> {
    this.#ownProject(project);
    const repositories = await this.#allPages<HarborRepository>(
      `/projects/${encodeURIComponent(project)}/repositories`,
      { doing: `listing the repositories of project ${project}` },
    );
    return (repositories ?? [])
      .map(r => r.name)
      .filter((name): name is string => typeof name === 'string')
      .sort();
  }

  async listArtifacts(repository: string): Promise<RegistryArtifact[]> {
    const { project, name } = this.#split(repository);
    const artifacts = await this.#allPages<HarborArtifact>(
      `/projects/${encodeURIComponent(project)}/repositories/${encodeRepository(
        name,
      )}/artifacts`,
      {
        doing: `listing the images of ${repository}`,
        query: { with_tag: 'true', with_scan_overview: 'true' },
      },
    );
    return (artifacts ?? []).map(a => this.#artifact(repository, a));
  }

  async deleteArtifact(repository: string, digest: string): Promise<void> {
    const { project, name } = this.#split(repository);
    const response = await this.#call(
      'DELETE',
      `/projects/${encodeURIComponent(project)}/repositories/${encodeRepository(
        name,
      )}/artifacts/${encodeURIComponent(digest)}`,
      { doing: `deleting ${repository}@${digest}` },
    );
    await response.body?.cancel();
  }

  /** Replaces the project's pull robot (the old secret is unknown) and returns the new one's credentials. */
  async #newPullRobot(project: string): Promise<RegistryCredentials> {
    const found = await this.#call(
      'GET',
      `/projects/${encodeURIComponent(project)}`,
      {
        doing: `reading project ${project}`,
        headers: { 'X-Is-Resource-Name': 'true' },
      },
    );
    const projectId = (
      await this.#json<HarborProject>(
        found,
        'GET /api/v2.0/projects/{project_name_or_id}',
      )
    ).project_id;
    if (typeof projectId !== 'number') {
      throw new RegistryError(
        'rejected',
        `Harbor at ${this.host} sent project ${project} without its project_id (GET /api/v2.0/projects/{project_name_or_id})`,
      );
    }

    // Project robots are only listed with Level and ProjectID in q.
    const robots =
      (await this.#allPages<HarborRobot>('/robots', {
        doing: `listing the robot accounts of project ${project}`,
        query: { q: `Level=project,ProjectID=${projectId}` },
      })) ?? [];
    const ownName = `${project}+${PULL_ROBOT_NAME}`;
    for (const robot of robots) {
      if (typeof robot.id !== 'number' || !robot.name?.endsWith(ownName)) {
        continue;
      }
      const deleted = await this.#call('DELETE', `/robots/${robot.id}`, {
        doing: `replacing the pull robot ${robot.name} of project ${project}`,
        alsoOk: [404],
      });
      await deleted.body?.cancel();
    }

    const created = await this.#call('POST', '/robots', {
      doing: `creating the pull robot of project ${project}`,
      body: {
        name: PULL_ROBOT_NAME,
        description: `Labstage pulls images of ${project} with this account; Labstage replaces it when its backend restarts`,
        level: 'project',
        disable: false,
        duration: -1,
        permissions: [
          {
            kind: 'project',
            namespace: project,
            access: [{ resource: 'repository', action: 'pull' }],
          },
        ],
      },
    });
    const robot = await this.#json<HarborRobotCreated>(
      created,
      'POST /api/v2.0/robots',
    );
    if (!robot.name || !robot.secret) {
      throw new RegistryError(
        'rejected',
        `Harbor at ${this.host} created the pull robot of project ${project} but did not send its name and secret (POST /api/v2.0/robots)`,
      );
    }
    return {
      username: robot.name,
      password: robot.secret,
      serveraddress: this.host,
    };
  }

  #artifact(repository: string, artifact: HarborArtifact): RegistryArtifact {
    if (typeof artifact.digest !== 'string') {
      throw new RegistryError(
        'rejected',
        `Harbor at ${this.host} listed an image of ${repository} without its digest`,
      );
    }
    const scan = Object.values(artifact.scan_overview ?? {})[0];
    // Harbor puts the image config's `created` here; the swagger types the
    // values of extra_attrs as objects, so it is read only when a string.
    const created = artifact.extra_attrs?.created;
    return {
      repository,
      digest: artifact.digest,
      tags: (artifact.tags ?? [])
        .map(t => t.name)
        .filter((t): t is string => typeof t === 'string'),
      sizeBytes: artifact.size ?? 0,
      createdAt: typeof created === 'string' ? created : undefined,
      pushedAt: artifact.push_time,
      scan: scan
        ? {
            status: scan.scan_status ?? 'unknown',
            severity: scan.severity,
            total: scan.summary?.total,
            fixable: scan.summary?.fixable,
          }
        : undefined,
    };
  }

  /** Every page of a list; undefined when the list's owner is not found (404). */
  async #allPages<T>(
    path: string,
    options: CallOptions,
  ): Promise<T[] | undefined> {
    const all: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await this.#call('GET', path, {
        ...options,
        query: {
          ...options.query,
          page: String(page),
          page_size: String(PAGE_SIZE),
        },
        alsoOk: [404],
      });
      if (response.status === 404) {
        await response.body?.cancel();
        if (page === 1) return undefined;
        throw new RegistryError(
          'not-found',
          `Harbor at ${this.host} answered HTTP 404 for page ${page} while ${options.doing} (GET /api/v2.0${path})`,
        );
      }
      const items = await this.#json<T[]>(response, `GET ${path}`);
      if (!Array.isArray(items)) {
        throw new RegistryError(
          'rejected',
          `Harbor at ${this.host} did not answer with a list while ${options.doing} (GET /api/v2.0${path})`,
        );
      }
      all.push(...items);
      const total = response.headers.get('x-total-count');
      if (
        items.length < PAGE_SIZE ||
        (total !== null && all.length >= Number(total))
      ) {
        return all;
      }
    }
    throw new RegistryError(
      'rejected',
      `Harbor at ${this.host} kept sending full pages while ${options.doing} (GET /api/v2.0${path}, ${MAX_PAGES} pages)`,
    );
  }

  async #json<T>(response: Response, call: string): Promise<T> {
    try {
      return (await response.json()) as T;
    } catch {
      throw new RegistryError(
        'rejected',
        `Harbor at ${this.host} sent an answer that is not JSON to ${call}`,
      );
    }
  }

  /** One API call; any answer but 2xx and `alsoOk` becomes a RegistryError. */
  async #call(
    method: string,
    path: string,
    options: CallOptions,
  ): Promise<Response> {
    const query = options.query
      ? `?${new URLSearchParams(options.query).toString()}`
      : '';
    const call = `${method} /api/v2.0${path}`;
    let response: Response;
    try {
      response = await fetch(`${this.#api}${path}${query}`, {
        method,
        headers: {
          authorization: this.#authorization,
          accept: 'application/json',
          ...(options.body !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
          ...options.headers,
        },
        body:
          options.body !== undefined ? JSON.stringify(options.body) : undefined,
        redirect: 'error',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const cause = this.#redact(
        (error as Error & { cause?: Error }).cause?.message ??
          (error as Error).message,
      );
      throw new RegistryError(
        'unreachable',
        `Harbor at ${this.host} cannot be reached while ${options.doing} (${call}: ${cause})`,
      );
    }
    if (response.ok || options.alsoOk?.includes(response.status)) {
      return response;
    }
    const said = this.#redact(await harborMessage(response));
    if (response.status === 401) {
      throw new RegistryError(
        'unauthorized',
        `Harbor at ${this.host} refused Labstage's credentials while ${options.doing} (HTTP 401 to ${call}); check desktops.harbor.username and desktops.harbor.password`,
      );
    }
    if (response.status === 403) {
      throw new RegistryError(
        'unauthorized',
        `Harbor at ${this.host} does not let Labstage's account do this: ${options.doing} (HTTP 403 to ${call}${said}); the account of desktops.harbor.username needs to be a Harbor administrator or a system robot with these permissions`,
      );
    }
    throw new RegistryError(
      response.status === 404 ? 'not-found' : 'rejected',
      `Harbor at ${this.host} answered HTTP ${response.status} while ${options.doing} (${call}${said})`,
    );
  }

  #redact(text: string): string {
    return this.#secrets.reduce(
      (redacted, secret) => redacted.split(secret).join('<redacted>'),
      text,
    );
  }

  /** Labstage's own projects only, so a bug cannot create or delete in anyone else's. */
  #ownProject(project: string): void {
    if (
      project === this.personalProject ||
      (project.startsWith(this.#courseProjectPrefix) &&
        project.length > this.#courseProjectPrefix.length)
    ) {
      return;
    }
    throw new RegistryError(
      'rejected',
      `Harbor project ${JSON.stringify(
        project,
      )} is not Labstage's: Labstage uses ${
        this.personalProject
      } and projects starting with ${
        this.#courseProjectPrefix
      } (desktops.harbor.personalProject, desktops.harbor.courseProjectPrefix)`,
    );
  }

  #split(repository: string): { project: string; name: string } {
    const slash = repository.indexOf('/');
    if (slash <= 0 || slash === repository.length - 1) {
      throw new RegistryError(
        'rejected',
        `${JSON.stringify(
          repository,
        )} is not a Harbor repository: expected <project>/<name>`,
      );
    }
    const project = repository.slice(0, slash);
    this.#ownProject(project);
    return { project, name: repository.slice(slash + 1) };
  }
}

/**
 * A repository name inside a project as a path segment: Harbor wants it URL
 * encoded twice (`a/b` → `a%252Fb`), see the swagger's `repositoryName`.
 */
export function encodeRepository(name: string): string {
  return encodeURIComponent(encodeURIComponent(name));
}

/** `: <Harbor's first error message>` from an Errors body, or nothing. */
async function harborMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as HarborErrors;
    const message = body.errors?.find(e => e.message)?.message;
    return message ? `: ${message.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}
