import {
  actionContext,
  apiFor,
  COURSE_ID,
  TEACHER,
} from '../__testUtils__/fixtures';
import {
  errorReply,
  startLoopbackLabstage,
} from '../__testUtils__/loopbackLabstage';
import { createCourseCreateAction } from './createCourse';

describe('labstage:course:create (unit test of the action client against a loopback courses stand-in)', () => {
  let server: Awaited<ReturnType<typeof startLoopbackLabstage>>;
  beforeEach(async () => {
    server = await startLoopbackLabstage({
      'POST /courses/courses': ({ token, body }) =>
        token?.obo === TEACHER
          ? {
              status: 201,
              body: { id: COURSE_ID, ...(body as object), archived: false },
            }
          : errorReply(
              403,
              'NotAllowedError',
              'You are not allowed to create courses',
            ),
    });
  });
  afterEach(() => server.close());

  it('creates the course as the initiating user, on the courses plugin', async () => {
    const { api, tokenRequests } = apiFor(server);
    const { ctx, credentials } = actionContext({
      title: 'Intro to Linux',
      code: 'CS101',
      term: '',
    });

    await createCourseCreateAction({ api }).handler(ctx);

    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        pluginId: 'courses',
        path: '/courses',
        body: { title: 'Intro to Linux', code: 'CS101' },
        token: { obo: TEACHER, target: 'courses' },
      }),
    ]);
    expect(tokenRequests).toHaveBeenCalledWith({
      onBehalfOf: credentials,
      targetPluginId: 'courses',
    });
    expect(ctx.output).toHaveBeenCalledWith('courseId', COURSE_ID);
    expect(ctx.output).toHaveBeenCalledWith('code', 'CS101');
  });

  it("fails with the server's 403 for someone who may not create courses", async () => {
    const { api } = apiFor(server);
    const { ctx } = actionContext(
      { title: 'Intro', code: 'CS101' },
      { initiator: 'user:default/student' },
    );

    await expect(
      createCourseCreateAction({ api }).handler(ctx),
    ).rejects.toThrow(
      'POST /api/courses/courses failed with 403 Forbidden: You are not allowed to create courses',
    );
  });

  it('in a dry run validates and creates nothing', async () => {
    const { api } = apiFor(server);
    const action = createCourseCreateAction({ api });
    const { ctx, logged } = actionContext(
      { title: ' Intro ', code: 'CS101', term: 'Autumn' },
      { isDryRun: true },
    );

    await action.handler(ctx);
    await expect(
      action.handler(
        actionContext({ title: 'Intro', code: 'CS 101!' }, { isDryRun: true })
          .ctx,
      ),
    ).rejects.toThrow(/^code: Code may only contain/);

    expect(server.requests).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('courseId', 'dry-run');
    expect(logged()).toEqual([
      'Dry run: would create course CS101 "Intro" (Autumn) with you as its instructor; nothing was created',
    ]);
  });
});
