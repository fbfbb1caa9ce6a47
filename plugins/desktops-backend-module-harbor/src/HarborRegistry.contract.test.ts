import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { RegistryError } from '@internal/backstage-plugin-desktops-node';
import { HarborRegistry } from './HarborRegistry';
import {
  ArtifactExample,
  errors,
  FakeHarbor,
  harborContract,
} from './__testUtils__/fakeHarbor';
import {
  PUBLISHED_SPEC_SHA256,
  publishedSpecText,
  SHARED_SPEC_PATH,
  sha256,
} from './__testUtils__/harborContract';

/*
 * Harbor cannot run on this machine. These are contract tests: HarborRegistry
 * talks over real HTTP to a loopback server that plays Harbor from Harbor's
 * own swagger (src/__fixtures__/harbor-v2.0-swagger.yaml). Every request must
 * be an operation of the swagger with declared, well-formed parameters and a
 * body that validates; every answer the server gives is checked against the
 * documented responses first. What they cannot show is how a real Harbor
 * behaves where the swagger says nothing (see README.md).
 */

const SCAN_MIME = 'application/vnd.security.vulnerability.report; version=1.1';
const COURSE = 'labstage-course-networks';
const PERSONAL = 'labstage-personal';

let harbor: FakeHarbor;

beforeEach(async () => {
  harbor = await FakeHarbor.start();
});

afterEach(async () => {
  await harbor.stop();
  // Anything HarborRegistry sent that the swagger does not allow, and any
  // answer of the test server the swagger does not document, fails the test.
  harbor.assertNoViolations();
});

function registry(overrides: { password?: string; url?: string } = {}) {
  return new HarborRegistry({
    url: overrides.url ?? harbor.url,
    username: harbor.username,
    password: overrides.password ?? harbor.password,
  });
}

function digestOf(n: number): string {
  return `sha256:${n.toString(16).padStart(64, '0')}`;
}

/** An artifact as Harbor lists it, every field from the swagger's `Artifact`. */
function artifact(
  n: number,
  options: { tags?: string[]; scanned?: boolean } = {},
): ArtifactExample {
  const tags = options.tags ?? [`v${n}`];
  return {
    id: n,
    type: 'IMAGE',
    media_type: 'application/vnd.oci.image.config.v1+json',
    manifest_media_type: 'application/vnd.oci.image.manifest.v1+json',
    project_id: 1,
    repository_id: 1,
    repository_name: `${COURSE}/desktop`,
    digest: digestOf(n),
    size: 1_000_000 + n,
    push_time: `2026-03-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    pull_time: '2026-03-02T08:00:00.000Z',
    extra_attrs: {
      config: { Entrypoint: ['/usr/local/bin/labstage-entrypoint'] },
    },
    annotations: { 'org.opencontainers.image.title': 'Linux desktop' },
    references: [],
    tags: tags.map((name, i) => ({
      id: n * 10 + i,
      repository_id: 1,
      artifact_id: n,
      name,
      push_time: '2026-03-01T10:00:00.000Z',
      pull_time: '2026-03-02T08:00:00.000Z',
      immutable: false,
    })),
    addition_links: {
      vulnerabilities: {
        href: `/api/v2.0/projects/${COURSE}/repositories/desktop/artifacts/${digestOf(
          n,
        )}/additions/vulnerabilities`,
        absolute: false,
      },
    },
    labels: [],
    ...(options.scanned === false
      ? {}
      : {
          scan_overview: {
            [SCAN_MIME]: {
              report_id: '5f62c830-f996-11e9-957f-0242c0a89008',
              scan_status: 'Success',
              severity: 'High',
              duration: 12,
              summary: {
                total: 7,
                fixable: 5,
                summary: { High: 2, Medium: 3, Low: 2 },
              },
              start_time: '2026-03-01T10:01:00.000Z',
              end_time: '2026-03-01T10:01:12.000Z',
              complete_percent: 100,
              scanner: {
                name: 'Trivy',
                vendor: 'Aqua Security',
                version: 'v0.50.1',
              },
            },
          },
        }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return error as RegistryError;
  }
  throw new Error('expected a RegistryError');
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(done => server.close(() => done()));
  return port;
}

describe('HarborRegistry (contract tests against the Harbor v2.0 swagger; Harbor itself cannot run here)', () => {
  describe('the contract', () => {
    it('is the published swagger, byte for byte', () => {
      expect(sha256(publishedSpecText())).toBe(PUBLISHED_SPEC_SHA256);
    });

    it('matches the shared copy in /work/shared/contracts (nothing to compare on machines without it, such as CI)', () => {
      const shared = existsSync(SHARED_SPEC_PATH)
        ? sha256(readFileSync(SHARED_SPEC_PATH, 'utf8'))
        : PUBLISHED_SPEC_SHA256;
      expect(shared).toBe(PUBLISHED_SPEC_SHA256);
    });

    it('the test server refuses requests the swagger does not allow (contract check of the checker)', async () => {
      const auth = {
        authorization: `Basic ${Buffer.from(
          `${harbor.username}:${harbor.password}`,
        ).toString('base64')}`,
      };
      // An undeclared query parameter.
      await fetch(`${harbor.url}/api/v2.0/users/current?verbose=1`, {
        headers: auth,
      });
      // A repository name with `/` encoded once: Harbor's router sees an extra segment.
      await fetch(
        `${harbor.url}/api/v2.0/projects/${COURSE}/repositories/team%2Fdesktop/artifacts`,
        { headers: auth },
      );
      // A misspelt field in a body, and a value of the wrong type.
      await fetch(`${harbor.url}/api/v2.0/projects`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ projectName: 'x', metadata: { public: false } }),
      });
      // A page size over Harbor's maximum of 100.
      harbor.addProject(COURSE);
      await fetch(
        `${harbor.url}/api/v2.0/projects/${COURSE}/repositories?page_size=500`,
        { headers: auth },
      );
      // A required parameter missing.
      await fetch(`${harbor.url}/api/v2.0/projects`, {
        method: 'HEAD',
        headers: auth,
      });

      expect(harbor.violations).toEqual([
        'getCurrentUserInfo (GET /users/current): query parameter verbose is not declared',
        `GET /api/v2.0/projects/${COURSE}/repositories/team%2Fdesktop/artifacts: no operation of the Harbor swagger has this method and path`,
        'createProject (POST /projects): body (root) must NOT have additional properties: "projectName"',
        'createProject (POST /projects): body /metadata/public must be string',
        'listRepositories (GET /projects/{project_name}/repositories): query parameter page_size=500 must be <= 100',
        'headProject (HEAD /projects): required query parameter project_name is missing',
      ]);
      harbor.violations.length = 0; // seen; the afterEach wants none left
    });

    it('an answer with a misspelt field does not pass as Harbor’s (contract check of the examples)', () => {
      const contract = harborContract();
      const listArtifacts = contract.findOperation(
        'GET',
        `/api/v2.0/projects/${COURSE}/repositories/desktop/artifacts`,
      )!;
      expect(
        contract.checkResponse(listArtifacts, 200, {}, [artifact(1)]),
      ).toEqual([]);
      const { push_time, ...rest } = artifact(1);
      expect(
        contract.checkResponse(listArtifacts, 200, {}, [
          { ...rest, pushTime: push_time },
        ]),
      ).toEqual([
        'listArtifacts (GET /projects/{project_name}/repositories/{repository_name}/artifacts): HTTP 200 body /0 must NOT have additional properties: "pushTime"',
      ]);
      expect(contract.checkResponse(listArtifacts, 418, {}, [])).toEqual([
        'listArtifacts (GET /projects/{project_name}/repositories/{repository_name}/artifacts): the swagger documents no HTTP 418 answer',
      ]);
    });
  });

  it('host is the host and port of desktops.harbor.url', () => {
    expect(registry().host).toBe(harbor.host);
    expect(
      new HarborRegistry({
        url: 'https://harbor.example.edu/',
        username: 'u',
        password: 'p',
      }).host,
    ).toBe('harbor.example.edu');
  });

  it('refuses plain http to a Harbor that is not on this machine', () => {
    expect(
      () =>
        new HarborRegistry({
          url: 'http://harbor.example.edu',
          username: 'u',
          password: 'p',
        }),
    ).toThrow(/use https/);
  });

  describe('check', () => {
    it('resolves when Harbor takes the credentials of a user (GET /users/current)', async () => {
      await expect(registry().check()).resolves.toBeUndefined();
      const [request] = harbor.requestsTo('getCurrentUserInfo');
      expect(request.method).toBe('GET');
    });

    it('resolves for a robot account, which Harbor answers 412 there (as its swagger says)', async () => {
      harbor.loginIsRobot = true;
      await expect(registry().check()).resolves.toBeUndefined();
    });

    it('rejects as unauthorized on 401, naming Harbor and the call, without the password', async () => {
      const error = await rejection(
        registry({ password: 'Wrong-Password-987' }).check(),
      );
      expect(error.reason).toBe('unauthorized');
      expect(error.message).toContain(`Harbor at ${harbor.host}`);
      expect(error.message).toContain('GET /api/v2.0/users/current');
      expect(error.message).not.toContain('Wrong-Password-987');
    });

    it('rejects as unreachable when nothing listens (a closed loopback port)', async () => {
      const port = await closedPort();
      const error = await rejection(
        registry({ url: `http://127.0.0.1:${port}` }).check(),
      );
      expect(error.reason).toBe('unreachable');
      expect(error.message).toContain(`Harbor at 127.0.0.1:${port}`);
      expect(error.message).toContain('GET /api/v2.0/users/current');
      expect(error.message).not.toContain(harbor.password);
    });

    it('rejects a 500 with Harbor’s own message', async () => {
      harbor.answerOnce('getCurrentUserInfo', errors(500, 'database down'));
      const error = await rejection(registry().check());
      expect(error.reason).toBe('rejected');
      expect(error.message).toMatch(
        /Harbor at .* answered HTTP 500 .*GET \/api\/v2\.0\/users\/current: database down/,
      );
    });
  });

  describe('ensureProject', () => {
    it('leaves an existing project alone (HEAD /projects?project_name=)', async () => {
      harbor.addProject(COURSE);
      await registry().ensureProject(COURSE);
      expect(harbor.requests.map(r => r.operationId)).toEqual(['headProject']);
      expect(harbor.requests[0].query).toEqual({ project_name: COURSE });
    });

    it('creates a missing project as private (POST /projects, metadata.public "false")', async () => {
      await registry().ensureProject(COURSE);
      expect(harbor.requests.map(r => r.operationId)).toEqual([
        'headProject',
        'createProject',
      ]);
      expect(harbor.requestsTo('createProject')[0].body).toEqual({
        project_name: COURSE,
        metadata: { public: 'false' },
      });
      expect(harbor.projects.has(COURSE)).toBe(true);
    });

    it('takes a 409 on create as "someone else just created it"', async () => {
      harbor.answerOnce(
        'createProject',
        errors(409, `The project named ${COURSE} already exists`),
      );
      await expect(registry().ensureProject(COURSE)).resolves.toBeUndefined();
    });

    it('documents no 403 for POST /projects: a refusal there is a plain rejection', async () => {
      // The swagger lists 201, 400, 401, 409 and 500 for createProject.
      harbor.answerOnce('createProject', errors(400, 'invalid project name'));
      const error = await rejection(registry().ensureProject(COURSE));
      expect(error.reason).toBe('rejected');
      expect(error.message).toContain(
        `creating project ${COURSE} (POST /api/v2.0/projects: invalid project name)`,
      );
    });

    it("refuses a project that is not Labstage's, without asking Harbor", async () => {
      const error = await rejection(registry().ensureProject('library'));
      expect(error.reason).toBe('rejected');
      expect(error.message).toContain('desktops.harbor.courseProjectPrefix');
      expect(harbor.requests).toEqual([]);
    });
  });

  it('pushCredentials are the configured Labstage account for the Harbor host', async () => {
    await expect(registry().pushCredentials(PERSONAL)).resolves.toEqual({
      username: harbor.username,
      password: harbor.password,
      serveraddress: harbor.host,
    });
  });

  describe('pullCredentials', () => {
    it('creates a pull-only project robot (POST /robots) and uses the name Harbor returns', async () => {
      harbor.addProject(COURSE);
      const credentials = await registry().pullCredentials(COURSE);

      const [created] = harbor.requestsTo('CreateRobot');
      expect(created.body).toEqual({
        name: 'labstage-pull',
        description: expect.any(String),
        level: 'project',
        disable: false,
        duration: -1,
        permissions: [
          {
            kind: 'project',
            namespace: COURSE,
            access: [{ resource: 'repository', action: 'pull' }],
          },
        ],
      });
      expect(credentials).toEqual({
        username: `robot$${COURSE}+labstage-pull`,
        password: harbor.robots[0].secret,
        serveraddress: harbor.host,
      });
      // The project's id comes from GET /projects/{name}, asked by name.
      const [project] = harbor.requestsTo('getProject');
      expect(project.pathParams.project_name_or_id).toBe(COURSE);
      expect(project.headers['x-is-resource-name']).toBe('true');
      // Project robots are only listed with Level and ProjectID in q.
      const [listed] = harbor.requestsTo('ListRobot');
      expect(listed.query.q).toBe(
        `Level=project,ProjectID=${harbor.projects.get(COURSE)!.id}`,
      );
    });

    it('keeps the robot for the life of the process: later and concurrent calls ask Harbor nothing', async () => {
      harbor.addProject(COURSE);
      const harborRegistry = registry();
      const [a, b] = await Promise.all([
        harborRegistry.pullCredentials(COURSE),
        harborRegistry.pullCredentials(COURSE),
      ]);
      const asked = harbor.requests.length;
      const c = await harborRegistry.pullCredentials(COURSE);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(harbor.requests.length).toBe(asked);
      expect(harbor.requestsTo('CreateRobot')).toHaveLength(1);
    });

    it('replaces the robot after a restart (its secret is shown only once): DELETE /robots/{id}, then POST', async () => {
      harbor.addProject(COURSE);
      const before = await registry().pullCredentials(COURSE);
      const oldId = harbor.robots[0].id;

      const after = await registry().pullCredentials(COURSE);

      expect(harbor.requestsTo('DeleteRobot').map(r => r.pathParams)).toEqual([
        { robot_id: String(oldId) },
      ]);
      expect(harbor.robots).toHaveLength(1);
      expect(after.username).toBe(before.username);
      expect(after.password).not.toBe(before.password);
    });

    it('gives each project its own robot', async () => {
      harbor.addProject(COURSE);
      harbor.addProject(PERSONAL);
      const harborRegistry = registry();
      const course = await harborRegistry.pullCredentials(COURSE);
      const personal = await harborRegistry.pullCredentials(PERSONAL);
      expect(course.username).toBe(`robot$${COURSE}+labstage-pull`);
      expect(personal.username).toBe(`robot$${PERSONAL}+labstage-pull`);
      expect(harbor.requestsTo('DeleteRobot')).toEqual([]);
    });

    it('rejects as not-found for a project Harbor does not have, and tries again next time', async () => {
      const harborRegistry = registry();
      const error = await rejection(harborRegistry.pullCredentials(COURSE));
      expect(error.reason).toBe('not-found');
      expect(error.message).toContain(`GET /api/v2.0/projects/${COURSE}`);
      harbor.addProject(COURSE);
      await expect(harborRegistry.pullCredentials(COURSE)).resolves.toEqual(
        expect.objectContaining({ username: `robot$${COURSE}+labstage-pull` }),
      );
    });
  });

  describe('listRepositories', () => {
    it('reads every page (page, page_size) and returns <project>/<name>', async () => {
      harbor.addProject(COURSE);
      harbor.addProject(PERSONAL);
      const names = Array.from(
        { length: 205 },
        (_, i) => `${COURSE}/env-${String(i).padStart(3, '0')}`,
      );
      for (const name of names) harbor.addRepository(name);
      harbor.addRepository(`${COURSE}/team/desktop`);
      harbor.addRepository(`${PERSONAL}/someone-else`);

      const repositories = await registry().listRepositories(COURSE);

      expect(repositories).toEqual([...names, `${COURSE}/team/desktop`].sort());
      expect(harbor.requestsTo('listRepositories').map(r => r.query)).toEqual([
        { page: '1', page_size: '100' },
        { page: '2', page_size: '100' },
        { page: '3', page_size: '100' },
      ]);
    });

    it('is empty for a project without repositories, and for a project Harbor does not have', async () => {
      harbor.addProject(COURSE);
      await expect(registry().listRepositories(COURSE)).resolves.toEqual([]);
      await expect(registry().listRepositories(PERSONAL)).resolves.toEqual([]);
    });
  });

  describe('listArtifacts', () => {
    it('maps digest, tags, size, push time and the scan overview into RegistryArtifact', async () => {
      harbor.addProject(COURSE);
      harbor.addRepository(`${COURSE}/desktop`, [
        artifact(1, { tags: ['2026-spring', 'latest'] }),
        artifact(2, { tags: [], scanned: false }),
      ]);

      const artifacts = await registry().listArtifacts(`${COURSE}/desktop`);

      expect(artifacts).toEqual([
        {
          repository: `${COURSE}/desktop`,
          digest: digestOf(1),
          tags: ['2026-spring', 'latest'],
          sizeBytes: 1_000_001,
          createdAt: undefined,
          pushedAt: '2026-03-01T10:00:01.000Z',
          scan: { status: 'Success', severity: 'High', total: 7, fixable: 5 },
        },
        {
          repository: `${COURSE}/desktop`,
          digest: digestOf(2),
          tags: [],
          sizeBytes: 1_000_002,
          createdAt: undefined,
          pushedAt: '2026-03-01T10:00:02.000Z',
          scan: undefined,
        },
      ]);
      expect(harbor.requestsTo('listArtifacts')[0].query).toEqual({
        with_tag: 'true',
        with_scan_overview: 'true',
        page: '1',
        page_size: '100',
      });
    });

    it('reads every page', async () => {
      harbor.addProject(COURSE);
      const all = Array.from({ length: 130 }, (_, i) => artifact(i + 1));
      harbor.addRepository(`${COURSE}/desktop`, all);

      const artifacts = await registry().listArtifacts(`${COURSE}/desktop`);

      expect(artifacts.map(a => a.digest)).toEqual(all.map(a => a.digest));
      expect(harbor.requestsTo('listArtifacts').map(r => r.query.page)).toEqual(
        ['1', '2'],
      );
    });

    it('encodes a repository name with / twice (team/desktop → team%252Fdesktop)', async () => {
      harbor.addProject(COURSE);
      harbor.addRepository(`${COURSE}/team/desktop`, [artifact(3)]);

      const artifacts = await registry().listArtifacts(
        `${COURSE}/team/desktop`,
      );

      expect(artifacts.map(a => a.digest)).toEqual([digestOf(3)]);
      const [request] = harbor.requestsTo('listArtifacts');
      expect(request.rawPath).toBe(
        `/api/v2.0/projects/${COURSE}/repositories/team%252Fdesktop/artifacts`,
      );
    });

    it('is empty for a repository Harbor does not have', async () => {
      harbor.addProject(COURSE);
      await expect(
        registry().listArtifacts(`${COURSE}/nothing-here`),
      ).resolves.toEqual([]);
    });

    it('rejects a name that is not <project>/<name>, without asking Harbor', async () => {
      const error = await rejection(registry().listArtifacts(COURSE));
      expect(error.reason).toBe('rejected');
      expect(harbor.requests).toEqual([]);
    });
  });

  describe('deleteArtifact', () => {
    it('deletes by digest (DELETE …/artifacts/{reference}), the repository name encoded twice', async () => {
      harbor.addProject(COURSE);
      harbor.addRepository(`${COURSE}/team/desktop`, [
        artifact(4),
        artifact(5),
      ]);

      await registry().deleteArtifact(`${COURSE}/team/desktop`, digestOf(4));

      expect(
        harbor.artifacts.get(`${COURSE}/team/desktop`)!.map(a => a.digest),
      ).toEqual([digestOf(5)]);
      const [request] = harbor.requestsTo('deleteArtifact');
      expect(request.rawPath).toBe(
        `/api/v2.0/projects/${COURSE}/repositories/team%252Fdesktop/artifacts/${encodeURIComponent(
          digestOf(4),
        )}`,
      );
      expect(request.pathParams.reference).toBe(digestOf(4));
    });

    it('rejects as not-found on 404, naming Harbor and the call', async () => {
      harbor.addProject(COURSE);
      harbor.addRepository(`${COURSE}/desktop`, [artifact(6)]);
      const error = await rejection(
        registry().deleteArtifact(`${COURSE}/desktop`, digestOf(7)),
      );
      expect(error.reason).toBe('not-found');
      expect(error.message).toContain(`Harbor at ${harbor.host}`);
      expect(error.message).toContain(
        `DELETE /api/v2.0/projects/${COURSE}/repositories/desktop/artifacts/`,
      );
    });

    it('rejects as unauthorized on 403, saying the account lacks the permission', async () => {
      harbor.addProject(COURSE);
      harbor.addRepository(`${COURSE}/desktop`, [artifact(9)]);
      harbor.answerOnce('deleteArtifact', errors(403, 'forbidden'));
      const error = await rejection(
        registry().deleteArtifact(`${COURSE}/desktop`, digestOf(9)),
      );
      expect(error.reason).toBe('unauthorized');
      expect(error.message).toContain('Harbor administrator or a system robot');
      expect(error.message).toContain(
        `deleting ${COURSE}/desktop@${digestOf(9)}`,
      );
    });

    it('rejects as unauthorized on 401', async () => {
      harbor.addProject(COURSE);
      harbor.addRepository(`${COURSE}/desktop`, [artifact(8)]);
      const error = await rejection(
        registry({ password: 'Not-The-Password-1' }).deleteArtifact(
          `${COURSE}/desktop`,
          digestOf(8),
        ),
      );
      expect(error.reason).toBe('unauthorized');
      expect(error.message).not.toContain('Not-The-Password-1');
      expect(harbor.artifacts.get(`${COURSE}/desktop`)).toHaveLength(1);
    });
  });

  it('never puts the password in a message, even where Harbor echoes it', async () => {
    harbor.answerOnce(
      'getCurrentUserInfo',
      errors(500, `login ${harbor.username}:${harbor.password} failed`),
    );
    const error = await rejection(registry().check());
    expect(error.message).not.toContain(harbor.password);
    expect(error.message).toContain('<redacted>');
  });
});
