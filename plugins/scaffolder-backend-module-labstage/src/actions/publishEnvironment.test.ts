import type { CourseEnvironment } from '@internal/backstage-plugin-desktops-common';
import {
  actionContext,
  apiFor,
  COURSE_ID,
  IMAGE_ID,
  savedImage,
  TEACHER,
} from '../__testUtils__/fixtures';
import {
  errorReply,
  RouteHandler,
  startLoopbackLabstage,
} from '../__testUtils__/loopbackLabstage';
import { createEnvironmentPublishAction } from './publishEnvironment';

const STUDENT = 'user:default/student';

function environment(
  overrides: Partial<CourseEnvironment> = {},
): CourseEnvironment {
  return {
    courseId: COURSE_ID,
    version: 4,
    imageId: IMAGE_ID,
    imageRef: savedImage().ref,
    description: '',
    resources: { cpus: 2, memoryMiB: 2048, pids: 512 },
    publishedBy: TEACHER,
    publishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const routes: Record<string, RouteHandler> = {
  // The stand-in's policy: only the teacher teaches course-1.
  'POST /desktops/courses/:courseId/environment': ({ token, params }) =>
    token?.obo === TEACHER
      ? { status: 201, body: { environment: environment() } }
      : errorReply(
          403,
          'NotAllowedError',
          `You are not allowed to publish the environment of course ${params.courseId}`,
        ),
  'GET /desktops/courses/:courseId/environment/versions': ({ token }) =>
    token?.obo === TEACHER
      ? {
          status: 200,
          body: { items: [environment({ version: 2 }), environment()] },
        }
      : errorReply(
          403,
          'NotAllowedError',
          "Only the course's instructors can see every environment version",
        ),
  'GET /desktops/saved-images/:imageId': ({ params }) =>
    params.imageId === IMAGE_ID
      ? { status: 200, body: savedImage() }
      : errorReply(404, 'NotFoundError', 'No such image'),
};

describe('labstage:environment:publish (unit test of the action client against a loopback desktops stand-in)', () => {
  let server: Awaited<ReturnType<typeof startLoopbackLabstage>>;
  beforeEach(async () => {
    server = await startLoopbackLabstage(routes);
  });
  afterEach(() => server.close());

  it('publishes as the initiating user, sending only what was given', async () => {
    const { api, tokenRequests } = apiFor(server);
    const action = createEnvironmentPublishAction({ api });
    const first = actionContext({ courseId: COURSE_ID, imageId: IMAGE_ID });
    const second = actionContext({
      courseId: COURSE_ID,
      imageId: IMAGE_ID,
      description: 'Adds numpy',
      memoryMiB: 4096,
    });

    await action.handler(first.ctx);
    await action.handler(second.ctx);

    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        pluginId: 'desktops',
        path: `/courses/${COURSE_ID}/environment`,
        body: { imageId: IMAGE_ID },
        token: { obo: TEACHER, target: 'desktops' },
      }),
      expect.objectContaining({
        body: {
          imageId: IMAGE_ID,
          description: 'Adds numpy',
          resources: { memoryMiB: 4096 },
        },
      }),
    ]);
    expect(tokenRequests).toHaveBeenCalledWith({
      onBehalfOf: first.credentials,
      targetPluginId: 'desktops',
    });
    expect(first.ctx.output).toHaveBeenCalledWith('version', 4);
    expect(first.ctx.output).toHaveBeenCalledWith('imageRef', savedImage().ref);
  });

  it("fails with the server's 403 when the user may not publish (a student)", async () => {
    const { api } = apiFor(server);
    const { ctx } = actionContext(
      { courseId: COURSE_ID, imageId: IMAGE_ID },
      { initiator: STUDENT },
    );

    await expect(
      createEnvironmentPublishAction({ api }).handler(ctx),
    ).rejects.toThrow(
      `POST /api/desktops/courses/${COURSE_ID}/environment failed with 403 Forbidden: You are not allowed to publish the environment of course ${COURSE_ID}`,
    );
    expect(server.requests[0].token).toEqual({
      obo: STUDENT,
      target: 'desktops',
    });
  });

  it('in a dry run checks the course and the image with reads only', async () => {
    const { api, tokenRequests } = apiFor(server);
    const { ctx, logged } = actionContext(
      { courseId: COURSE_ID, imageId: IMAGE_ID, cpus: 2 },
      { isDryRun: true },
    );

    await createEnvironmentPublishAction({ api }).handler(ctx);

    expect(server.mutatingRequests()).toEqual([]);
    expect(
      server.requests.map(r => `${r.method} /${r.pluginId}${r.path}`),
    ).toEqual([
      `GET /desktops/courses/${COURSE_ID}/environment/versions`,
      `GET /desktops/saved-images/${IMAGE_ID}`,
    ]);
    expect(tokenRequests).toHaveBeenCalledTimes(2);
    expect(ctx.output).toHaveBeenCalledWith('version', 0);
    expect(ctx.output).toHaveBeenCalledWith('imageRef', 'dry-run');
    expect(logged()).toEqual([
      `Dry run: would publish saved image ${
        savedImage().ref
      } (${IMAGE_ID}) as environment version 5 of course ${COURSE_ID} (environment version 4) with resources {"cpus":2}; nothing was published`,
    ]);
  });

  it("in a dry run takes an earlier dry-run step's image without looking it up", async () => {
    const { api } = apiFor(server);
    const { ctx, logged } = actionContext(
      { courseId: COURSE_ID, imageId: 'dry-run' },
      { isDryRun: true },
    );

    await createEnvironmentPublishAction({ api }).handler(ctx);

    expect(server.requests.map(r => r.path)).toEqual([
      `/courses/${COURSE_ID}/environment/versions`,
    ]);
    expect(logged()).toEqual([
      `Dry run: would publish the image saved by an earlier step (not saved in this dry run) as environment version 5 of course ${COURSE_ID} (environment version 4); nothing was published`,
    ]);
  });

  it('in a dry run fails as the real run would: a course the user may not manage, an image they may not use', async () => {
    const { api } = apiFor(server);
    const action = createEnvironmentPublishAction({ api });
    await expect(
      action.handler(
        actionContext(
          { courseId: COURSE_ID, imageId: IMAGE_ID },
          { isDryRun: true, initiator: STUDENT },
        ).ctx,
      ),
    ).rejects.toThrow(
      `GET /api/desktops/courses/${COURSE_ID}/environment/versions failed with 403 Forbidden: Only the course's instructors can see every environment version`,
    );

    const other = '11111111-2222-4333-8444-555555555555';
    await expect(
      action.handler(
        actionContext(
          { courseId: COURSE_ID, imageId: other },
          { isDryRun: true },
        ).ctx,
      ),
    ).rejects.toThrow(
      `GET /api/desktops/saved-images/${other} failed with 404 Not Found: No such image`,
    );
    expect(server.mutatingRequests()).toEqual([]);
  });

  it('refuses input the route would refuse before calling anything', async () => {
    const { api } = apiFor(server);
    const action = createEnvironmentPublishAction({ api });

    await expect(
      action.handler(
        actionContext({ courseId: COURSE_ID, imageId: 'not-a-uuid' }).ctx,
      ),
    ).rejects.toThrow('imageId: imageId must be a saved image id');
    await expect(
      action.handler(
        actionContext({ courseId: COURSE_ID, imageId: IMAGE_ID, memoryMiB: 1 })
          .ctx,
      ),
    ).rejects.toThrow(/^resources\.memoryMiB: /);
    expect(server.requests).toEqual([]);
  });
});
