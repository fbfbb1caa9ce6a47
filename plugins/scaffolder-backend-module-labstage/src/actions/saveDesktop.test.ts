import {
  actionContext,
  apiFor,
  DESKTOP_ID,
  desktop,
  imageSave,
  savedImage,
  scriptedSave,
  TEACHER,
} from '../__testUtils__/fixtures';
import {
  errorReply,
  RouteHandler,
  startLoopbackLabstage,
} from '../__testUtils__/loopbackLabstage';
import { createDesktopSaveAction } from './saveDesktop';

const image = savedImage();

/** The desktops routes a save uses: POST starts it, GETs follow it. */
function saveRoutes(progress: () => unknown): Record<string, RouteHandler> {
  return {
    'GET /desktops/desktops/:id': ({ params }) =>
      params.id === DESKTOP_ID
        ? { status: 200, body: desktop() }
        : errorReply(404, 'NotFoundError', 'Desktop not found'),
    'POST /desktops/desktops/:id/image': () => ({
      status: 202,
      body: { save: imageSave() },
    }),
    'GET /desktops/image-saves/:id': () => ({ status: 200, body: progress() }),
  };
}

describe('labstage:desktop:save (unit test of the action client against a loopback desktops stand-in)', () => {
  let server: Awaited<ReturnType<typeof startLoopbackLabstage>>;
  afterEach(() => server?.close());

  it('saves as the initiating user and follows the save through its phases to the image', async () => {
    const progress = scriptedSave([
      { phase: 'committing' },
      { phase: 'committing' },
      { phase: 'copying-home' },
      { phase: 'pushing', detail: 'pushed 1 of 2 layers' },
      { phase: 'pushing', detail: 'pushed 2 of 2 layers' },
      { state: 'succeeded', phase: 'done', image },
    ]);
    // GET /image-saves/:id answers bare here, `{ save }` in the next test.
    server = await startLoopbackLabstage(saveRoutes(progress));
    const { api, tokenRequests } = apiFor(server);
    const { ctx, credentials, logged } = actionContext({
      desktopId: DESKTOP_ID,
      name: 'python-lab',
    });

    await createDesktopSaveAction({ api }).handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('imageId', image.id);
    expect(ctx.output).toHaveBeenCalledWith('ref', image.ref);
    expect(ctx.output).toHaveBeenCalledWith('tag', 'v3');
    // A fresh token for every call, on behalf of the task's initiator.
    expect(tokenRequests).toHaveBeenCalledTimes(server.requests.length);
    for (const [options] of tokenRequests.mock.calls) {
      expect(options).toEqual({
        onBehalfOf: credentials,
        targetPluginId: 'desktops',
      });
    }
    expect(server.requests.map(r => r.token)).toEqual(
      server.requests.map(() => ({ obo: TEACHER, target: 'desktops' })),
    );
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: `/desktops/${DESKTOP_ID}/image`,
      body: { name: 'python-lab' },
    });
    expect(server.requests.slice(1).map(r => `${r.method} ${r.path}`)).toEqual(
      Array(6).fill('GET /image-saves/save-1'),
    );
    // Each new phase or detail once, in order.
    const progressLines = logged().filter(l => l.startsWith('Saving desktop'));
    expect(progressLines).toEqual([
      `Saving desktop ${DESKTOP_ID} as image "python-lab", the next version`,
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3: queued`,
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3: committing`,
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3: copying-home`,
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3: pushing (pushed 1 of 2 layers)`,
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3: pushing (pushed 2 of 2 layers)`,
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3: done`,
    ]);
  });

  it("fails with the save's own error when the save fails", async () => {
    const progress = scriptedSave([
      { phase: 'pushing' },
      {
        state: 'failed',
        phase: 'pushing',
        error:
          'Pushing registry.test/personal/teacher/python-lab:v3 failed: connection refused',
      },
    ]);
    server = await startLoopbackLabstage(
      saveRoutes(() => ({ save: progress() })),
    );
    const { api } = apiFor(server);
    const { ctx } = actionContext({
      desktopId: DESKTOP_ID,
      name: 'python-lab',
      tag: 'v3',
    });

    await expect(createDesktopSaveAction({ api }).handler(ctx)).rejects.toThrow(
      `Saving desktop ${DESKTOP_ID} as personal/teacher/python-lab:v3 failed: Pushing registry.test/personal/teacher/python-lab:v3 failed: connection refused`,
    );
    expect(server.requests[0].body).toEqual({ name: 'python-lab', tag: 'v3' });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('turns a refusal into an error with the status and the server message', async () => {
    server = await startLoopbackLabstage({
      'POST /desktops/desktops/:id/image': () =>
        errorReply(
          403,
          'NotAllowedError',
          'You are not allowed to save this desktop',
        ),
    });
    const { api } = apiFor(server);
    const { ctx } = actionContext({ desktopId: DESKTOP_ID, name: 'x' });

    await expect(createDesktopSaveAction({ api }).handler(ctx)).rejects.toThrow(
      `POST /api/desktops/desktops/${DESKTOP_ID}/image failed with 403 Forbidden: You are not allowed to save this desktop`,
    );
  });

  it('gives up after the timeout with a clear error', async () => {
    server = await startLoopbackLabstage(
      saveRoutes(() => imageSave({ phase: 'pushing' })),
    );
    const { api } = apiFor(server, { pollIntervalMs: 5, timeoutMs: 40 });
    const { ctx } = actionContext({ desktopId: DESKTOP_ID, name: 'x' });

    await expect(createDesktopSaveAction({ api }).handler(ctx)).rejects.toThrow(
      /gave up waiting after 40 ms, still at phase "pushing"\. The save may still finish; see GET \/api\/desktops\/image-saves\/save-1/,
    );
  });

  it('in a dry run reads the desktop, saves nothing and outputs placeholders', async () => {
    server = await startLoopbackLabstage(saveRoutes(() => imageSave()));
    const { api } = apiFor(server);
    const { ctx, logged } = actionContext(
      { desktopId: DESKTOP_ID, name: 'python-lab', tag: 'v4' },
      { isDryRun: true },
    );

    await createDesktopSaveAction({ api }).handler(ctx);

    expect(server.mutatingRequests()).toEqual([]);
    expect(server.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /desktops/${DESKTOP_ID}`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith('imageId', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith('ref', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith('tag', 'v4');
    expect(logged()).toContain(
      `Dry run: would save desktop ${DESKTOP_ID} ("My lab", running) as image "python-lab", v4; nothing was saved`,
    );
  });

  it('in a dry run still fails for a desktop the user cannot see', async () => {
    server = await startLoopbackLabstage(saveRoutes(() => imageSave()));
    const { api } = apiFor(server);
    const { ctx } = actionContext(
      { desktopId: 'zzzzzzzzzzzz', name: 'python-lab' },
      { isDryRun: true },
    );

    await expect(createDesktopSaveAction({ api }).handler(ctx)).rejects.toThrow(
      'GET /api/desktops/desktops/zzzzzzzzzzzz failed with 404 Not Found: Desktop not found',
    );
  });

  it('refuses a bad image name or version before calling anything', async () => {
    server = await startLoopbackLabstage(saveRoutes(() => imageSave()));
    const { api } = apiFor(server);
    const action = createDesktopSaveAction({ api });

    await expect(
      action.handler(
        actionContext({ desktopId: DESKTOP_ID, name: 'Python Lab' }).ctx,
      ),
    ).rejects.toThrow(/^name: Image names use lowercase letters/);
    await expect(
      action.handler(
        actionContext({ desktopId: DESKTOP_ID, name: 'ok', tag: '-v1' }).ctx,
      ),
    ).rejects.toThrow(/^tag: Versions are 1 to 128/);
    expect(server.requests).toEqual([]);
  });

  it('takes an empty version as none', async () => {
    server = await startLoopbackLabstage(
      saveRoutes(() => imageSave({ state: 'succeeded', phase: 'done', image })),
    );
    const { api } = apiFor(server);
    const { ctx } = actionContext({
      desktopId: DESKTOP_ID,
      name: 'python-lab',
      tag: '',
    });

    await createDesktopSaveAction({ api }).handler(ctx);

    expect(server.requests[0].body).toEqual({ name: 'python-lab' });
  });
});
