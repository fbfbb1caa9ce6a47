import Docker from 'dockerode';
import { BuildImageRequest } from '@internal/backstage-plugin-desktops-node';
import { pack } from 'tar-stream';
import { pullImage, pushWithDigest } from '../registry/registryTransfers';
import { HOME_DIR } from './dockerNaming';
import { HOME_SEED_DIR, pushDetail } from './saveDesktopImage';

type BuildEvent = {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
};

/**
 * Builds an image from a base, a Dockerfile fragment and files, then pushes
 * it. The build runs with the given network mode (`none` by default in
 * config), so a fragment that downloads needs the admin to allow it; files
 * come from the request, never from the backend's own disk.
 */
export async function buildDesktopImage(
  docker: Docker,
  request: BuildImageRequest,
  options: { network: string },
): Promise<{ reference: string; digest: string }> {
  const report = request.onProgress ?? (() => {});
  await ensureBase(docker, request);
  const baseUser = (await docker.getImage(request.base).inspect()).Config.User;
  const reference = `${request.repository}:${request.tag}`;
  report({ step: 'build', detail: 'Sending the build context' });
  // tar-stream's pack is a streamx stream, which dockerode pipes like a
  // Node stream.
  const context = buildContext(
    request,
    baseUser,
  ) as unknown as NodeJS.ReadableStream;
  const stream = await docker.buildImage(context, {
    t: reference,
    networkmode: options.network,
    labels: request.labels,
    rm: true,
    forcerm: true,
  });
  const events = await new Promise<BuildEvent[]>((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (error, output) => (error ? reject(error) : resolve(output ?? [])),
      (event: BuildEvent) => {
        const line = event.stream?.trim();
        if (line?.startsWith('Step ')) report({ step: 'build', detail: line });
      },
    ),
  );
  const failure = events.find(e => e.error || e.errorDetail);
  if (failure) {
    throw new Error(
      `Building the image failed: ${
        failure.errorDetail?.message ?? failure.error
      }`,
    );
  }
  return pushWithDigest(
    docker,
    request.repository,
    request.tag,
    request.credentials,
    progress => report({ step: 'push', detail: pushDetail(progress) }),
  );
}

async function ensureBase(
  docker: Docker,
  request: BuildImageRequest,
): Promise<void> {
  try {
    await docker.getImage(request.base).inspect();
  } catch {
    if (!request.baseCredentials) {
      throw new Error(`The base image ${request.base} is not available`);
    }
    await pullImage(docker, request.base, request.baseCredentials);
  }
}

/**
 * A tar build context: the Dockerfile, and the files in two trees, `home/`
 * (into the home seed, owned by the desktop user) and `system/` (as root).
 */
function buildContext(request: BuildImageRequest, baseUser: string) {
  const tar = pack();
  const home: typeof request.files = [];
  const system: typeof request.files = [];
  for (const file of request.files) {
    if (file.path.startsWith(`${HOME_DIR}/`)) {
      home.push({ ...file, path: file.path.slice(HOME_DIR.length + 1) });
    } else {
      system.push({ ...file, path: file.path.slice(1) });
    }
  }
  const lines = [`FROM ${request.base}`, 'USER root'];
  if (system.length) lines.push('COPY system/ /');
  if (home.length) {
    lines.push(`COPY --chown=1000:1000 home/ ${HOME_SEED_DIR}/`);
  }
  if (request.dockerfile) lines.push(request.dockerfile);
  // Back to the base's user: desktops run unprivileged.
  lines.push(`USER ${baseUser || '1000:1000'}`);
  tar.entry({ name: 'Dockerfile' }, `${lines.join('\n')}\n`);
  for (const file of system) {
    tar.entry(
      { name: `system/${file.path}`, mode: file.mode ?? 0o644 },
      file.content,
    );
  }
  for (const file of home) {
    tar.entry(
      { name: `home/${file.path}`, mode: file.mode ?? 0o644 },
      file.content,
    );
  }
  tar.finalize();
  return tar;
}
