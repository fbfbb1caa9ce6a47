import {
  actionContext,
  apiFor,
  COURSE_ID,
  DESKTOP_ID,
  desktop,
  IMAGE_ID,
  imageSave,
  savedImage,
  scriptedSave,
  TEACHER,
} from '../__testUtils__/fixtures';
import {
  RouteHandler,
  startLoopbackLabstage,
} from '../__testUtils__/loopbackLabstage';
import { createDesktopCloneAction } from './cloneDesktops';

const clones = [
  desktop({ id: 'aaaaaaaaaaaa', owner: 'user:default/ann', state: 'stopped' }),
  desktop({ id: 'bbbbbbbbbbbb', owner: 'user:default/bob', state: 'stopped' }),
];

function routes(): Record<string, RouteHandler> {
  const progress = scriptedSave([
    { phase: 'committing' },
    {
      state: 'succeeded',
      phase: 'done',
      image: savedImage({ name: `clone-${DESKTOP_ID}` }),
    },
  ]);
  return {
    'GET /desktops/desktops/:id': () => ({ status: 200, body: desktop() }),
    'POST /desktops/desktops/:id/image': () => ({
      status: 202,
      body: { save: imageSave() },
    }),
    'GET /desktops/image-saves/:id': () => ({
      status: 200,
      body: { save: progress() },
    }),
    'POST /desktops/desktops/clone': () => ({
      status: 201,
      body: { items: clones },
    }),
    'GET /desktops/saved-images/:imageId': () => ({
      status: 200,
      body: savedImage(),
    }),
    'GET /desktops/courses/:courseId/environment/versions': () => ({
      status: 200,
      body: { items: [] },
    }),
    'GET /courses/courses/:courseId/roster': () => ({
      status: 200,
      body: {
        items: [
          { username: 'teacher', role: 'instructor' },
          { username: 'ann', role: 'student' },
          { username: 'bob', role: 'student' },
        ],
      },
    }),
  };
}

describe('labstage:desktop:clone (unit test of the action client against a loopback desktops stand-in)', () => {
  let server: Awaited<ReturnType<typeof startLoopbackLabstage>>;
  beforeEach(async () => {
    server = await startLoopbackLabstage(routes());
  });
  afterEach(() => server.close());

  it('saves a desktop first, then clones the image for every student of a course', async () => {
    const { api, tokenRequests } = apiFor(server);
    const { ctx, credentials, logged } = actionContext({
      desktopId: DESKTOP_ID,
      courseId: COURSE_ID,
    });

    await createDesktopCloneAction({ api }).handler(ctx);

    expect(server.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `POST /desktops/${DESKTOP_ID}/image`,
      'GET /image-saves/save-1',
      'GET /image-saves/save-1',
      'POST /desktops/clone',
    ]);
    expect(server.requests[0].body).toEqual({ name: `clone-${DESKTOP_ID}` });
    expect(server.requests[3].body).toEqual({
      imageId: IMAGE_ID,
      courseId: COURSE_ID,
    });
    expect(server.requests.every(r => r.token?.obo === TEACHER)).toBe(true);
    expect(tokenRequests).toHaveBeenCalledWith({
      onBehalfOf: credentials,
      targetPluginId: 'desktops',
    });
    expect(ctx.output).toHaveBeenCalledWith('desktopIds', [
      'aaaaaaaaaaaa',
      'bbbbbbbbbbbb',
    ]);
    expect(logged()).toContain(
      `Created 2 stopped desktop(s) from image ${IMAGE_ID} for every student of course ${COURSE_ID}: aaaaaaaaaaaa (user:default/ann), bbbbbbbbbbbb (user:default/bob)`,
    );
  });

  it('clones a saved image for listed users without saving anything', async () => {
    const { api } = apiFor(server);
    const { ctx } = actionContext({
      imageId: IMAGE_ID,
      usernames: ['ann', 'bob'],
      desktopId: '',
      courseId: '',
    });

    await createDesktopCloneAction({ api }).handler(ctx);

    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/desktops/clone',
        body: { imageId: IMAGE_ID, usernames: ['ann', 'bob'] },
      }),
    ]);
  });

  it('names the saved image as asked', async () => {
    const { api } = apiFor(server);
    const { ctx } = actionContext({
      desktopId: DESKTOP_ID,
      usernames: ['ann'],
      name: 'week-3',
    });

    await createDesktopCloneAction({ api }).handler(ctx);

    expect(server.requests[0].body).toEqual({ name: 'week-3' });
  });

  it.each([
    [
      { desktopId: DESKTOP_ID, imageId: IMAGE_ID, courseId: COURSE_ID },
      'desktopId',
    ],
    [{ courseId: COURSE_ID }, 'desktopId'],
    [{ desktopId: '', imageId: ' ', courseId: COURSE_ID }, 'desktopId'],
    [
      { imageId: IMAGE_ID, usernames: ['ann'], courseId: COURSE_ID },
      'usernames',
    ],
    [{ imageId: IMAGE_ID }, 'usernames'],
    [{ imageId: IMAGE_ID, usernames: [] }, 'usernames'],
  ])('refuses %j: exactly one of each pair', async (input, pair) => {
    const { api } = apiFor(server);
    await expect(
      createDesktopCloneAction({ api }).handler(actionContext(input).ctx),
    ).rejects.toThrow(
      pair === 'desktopId'
        ? 'Give exactly one of desktopId (a desktop to save and copy) and imageId (a saved image to copy)'
        : 'Give exactly one of usernames (who gets a copy) and courseId (every student of the course gets one)',
    );
    expect(server.requests).toEqual([]);
  });

  it('refuses a bad image id before saving anything', async () => {
    const { api } = apiFor(server);
    await expect(
      createDesktopCloneAction({ api }).handler(
        actionContext({ imageId: 'python-lab', courseId: COURSE_ID }).ctx,
      ),
    ).rejects.toThrow('imageId: imageId must be a saved image id');
    expect(server.requests).toEqual([]);
  });

  it('in a dry run from a desktop reads the desktop, the course and its roster, and creates nothing', async () => {
    const { api } = apiFor(server);
    const { ctx, logged } = actionContext(
      { desktopId: DESKTOP_ID, courseId: COURSE_ID },
      { isDryRun: true },
    );

    await createDesktopCloneAction({ api }).handler(ctx);

    expect(server.mutatingRequests()).toEqual([]);
    expect(
      server.requests.map(r => `${r.method} /${r.pluginId}${r.path}`),
    ).toEqual([
      `GET /desktops/desktops/${DESKTOP_ID}`,
      `GET /desktops/courses/${COURSE_ID}/environment/versions`,
      `GET /courses/courses/${COURSE_ID}/roster`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith('desktopIds', []);
    expect(logged()).toEqual([
      `Dry run: would save desktop ${DESKTOP_ID} ("My lab", running) as image "clone-${DESKTOP_ID}", the next version; nothing was saved`,
      `Dry run: would create a stopped desktop from the image saved by an earlier step (not saved in this dry run) for the 2 student(s) of course ${COURSE_ID} (no environment yet): ann, bob; nothing was created`,
    ]);
  });

  it('in a dry run from an image looks the image up', async () => {
    const { api } = apiFor(server);
    const { ctx, logged } = actionContext(
      { imageId: IMAGE_ID, usernames: ['ann'] },
      { isDryRun: true },
    );

    await createDesktopCloneAction({ api }).handler(ctx);

    expect(server.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /saved-images/${IMAGE_ID}`,
    ]);
    expect(logged()).toEqual([
      `Dry run: would create a stopped desktop from saved image ${
        savedImage().ref
      } (${IMAGE_ID}) for 1 user(s): ann; nothing was created`,
    ]);
  });
});
