import {
  actionContext,
  apiFor,
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
import { createImageBuildAction } from './buildImage';

const built = savedImage({ savedFromDesktopId: null });
const buildSave = { desktopId: null, id: 'build-1' };

function routes(
  progress: () => unknown = scriptedSave([
    { ...buildSave, phase: 'building', detail: 'step 1/2' },
    { ...buildSave, phase: 'building', detail: 'step 2/2' },
    { ...buildSave, phase: 'pushing' },
    { ...buildSave, state: 'succeeded', phase: 'done', image: built },
  ]),
): Record<string, RouteHandler> {
  return {
    'POST /desktops/saved-images/build': () => ({
      status: 202,
      body: { save: imageSave({ ...buildSave }) },
    }),
    'GET /desktops/image-saves/:id': () => ({ status: 200, body: progress() }),
    'GET /desktops/images': () => ({
      status: 200,
      body: {
        items: [{ id: 'ubuntu', title: 'Ubuntu', image: 'labstage/desktop' }],
      },
    }),
    'GET /desktops/saved-images': () => ({
      status: 200,
      body: { items: [savedImage()] },
    }),
  };
}

const input = {
  base: 'ubuntu',
  name: 'python-lab',
  dockerfile: 'RUN touch /etc/labstage-built',
  files: [{ path: '/etc/motd', content: 'Welcome\n' }],
};

describe('labstage:image:build (unit test of the action client against a loopback desktops stand-in)', () => {
  let server: Awaited<ReturnType<typeof startLoopbackLabstage>>;
  afterEach(() => server?.close());

  it('says in its description that it needs no network unless the fragment does', () => {
    const action = createImageBuildAction({ api: {} as any });
    expect(action.description).toContain(
      'Needs no network unless the Dockerfile fragment does',
    );
    expect(action.supportsDryRun).toBe(true);
  });

  it('builds as the initiating user and follows the build to the image', async () => {
    server = await startLoopbackLabstage(routes());
    const { api, tokenRequests } = apiFor(server);
    const { ctx, credentials, logged } = actionContext(input);

    await createImageBuildAction({ api }).handler(ctx);

    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/saved-images/build',
      body: input,
      token: { obo: TEACHER, target: 'desktops' },
    });
    expect(tokenRequests).toHaveBeenCalledWith({
      onBehalfOf: credentials,
      targetPluginId: 'desktops',
    });
    expect(ctx.output).toHaveBeenCalledWith('imageId', built.id);
    expect(ctx.output).toHaveBeenCalledWith('ref', built.ref);
    expect(logged()).toEqual([
      'Building image "python-lab", the next version from ubuntu',
      'Building personal/teacher/python-lab:v3: queued',
      'Building personal/teacher/python-lab:v3: building (step 1/2)',
      'Building personal/teacher/python-lab:v3: building (step 2/2)',
      'Building personal/teacher/python-lab:v3: pushing',
      'Building personal/teacher/python-lab:v3: done',
      `Built ${built.ref} (image id ${built.id})`,
    ]);
  });

  it("fails with the build's own error", async () => {
    server = await startLoopbackLabstage(
      routes(() =>
        imageSave({
          ...buildSave,
          state: 'failed',
          phase: 'building',
          error: 'RUN apt-get update: Temporary failure resolving (no network)',
        }),
      ),
    );
    const { api } = apiFor(server);

    await expect(
      createImageBuildAction({ api }).handler(actionContext(input).ctx),
    ).rejects.toThrow(
      'Building personal/teacher/python-lab:v3 failed: RUN apt-get update: Temporary failure resolving (no network)',
    );
  });

  it('turns a refusal into an error with the status and the server message', async () => {
    server = await startLoopbackLabstage({
      'POST /desktops/saved-images/build': () =>
        errorReply(403, 'NotAllowedError', 'Only staff may build images'),
    });
    const { api } = apiFor(server);

    await expect(
      createImageBuildAction({ api }).handler(actionContext(input).ctx),
    ).rejects.toThrow(
      'POST /api/desktops/saved-images/build failed with 403 Forbidden: Only staff may build images',
    );
  });

  it('in a dry run reads the catalog and saved images only', async () => {
    server = await startLoopbackLabstage(routes());
    const { api } = apiFor(server);
    const { ctx, logged } = actionContext(
      { ...input, base: savedImage().id, files: [] },
      { isDryRun: true },
    );

    await createImageBuildAction({ api }).handler(ctx);

    expect(server.mutatingRequests()).toEqual([]);
    expect(server.requests.map(r => r.path).sort()).toEqual([
      '/images',
      '/saved-images',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('imageId', 'dry-run');
    expect(logged()).toEqual([
      `Dry run: would build image "python-lab", the next version from saved image ${
        savedImage().ref
      } with a Dockerfile fragment and 0 file(s); nothing was built`,
    ]);
  });

  it('refuses a build with neither a Dockerfile fragment nor files', async () => {
    server = await startLoopbackLabstage(routes());
    const { api } = apiFor(server);

    await expect(
      createImageBuildAction({ api }).handler(
        actionContext({ base: 'ubuntu', name: 'x', dockerfile: '', files: [] })
          .ctx,
      ),
    ).rejects.toThrow('Give a Dockerfile fragment, files, or both');
    await expect(
      createImageBuildAction({ api }).handler(
        actionContext({
          base: 'ubuntu',
          name: 'x',
          files: [{ path: 'relative', content: '' }],
        }).ctx,
      ),
    ).rejects.toThrow(/^files\.0\.path: /);
    expect(server.requests).toEqual([]);
  });
});
