import Docker from 'dockerode';
import { RegistryCredentials } from '@internal/backstage-plugin-desktops-node';
import { PushProgress, pushWithDigest } from '../registry/registryTransfers';
import { HOME_DIR } from './dockerNaming';

/** Where the desktop image's entrypoint seeds a new home from. */
export const HOME_SEED_DIR = '/usr/local/share/labstage/home-seed';

/** @public */
export type SaveImageStep =
  | { step: 'commit' }
  | { step: 'home' }
  | { step: 'push'; progress: PushProgress };

export type SaveDesktopImageRequest = {
  /** The desktop's container. */
  container: Docker.Container;
  /** `<registry host>/<project>/<name>`. */
  repository: string;
  tag: string;
  credentials: RegistryCredentials;
  /** Labels for the image, e.g. where it was saved from. */
  labels: Record<string, string>;
  onStep?: (step: SaveImageStep) => void;
};

/**
 * Saves a running (or stopped) desktop as an image: the system changes by
 * committing its container, and its home (a volume, which a commit leaves
 * out) as the image's home seed, then pushes it. Only layers the registry
 * lacks are sent: the base image's are shared.
 *
 * The desktop itself is only paused for the commit. Its home is copied by
 * the engine from container to container as a tar stream; the backend never
 * unpacks what the desktop wrote.
 */
export async function saveDesktopImage(
  docker: Docker,
  request: SaveDesktopImageRequest,
): Promise<{ reference: string; digest: string }> {
  const { container, repository, tag, onStep = () => {} } = request;
  onStep({ step: 'commit' });
  const committed = await container.commit({
    pause: true,
    changes: Object.entries(request.labels).map(
      ([key, value]) => `LABEL ${JSON.stringify(key)}=${JSON.stringify(value)}`,
    ),
  });
  const committedId = (committed as { Id: string }).Id;
  let seeding: Docker.Container | undefined;
  try {
    onStep({ step: 'home' });
    seeding = await emptiedSeedContainer(docker, committedId);
    const home = await container.getArchive({ path: `${HOME_DIR}/.` });
    await seeding.putArchive(home, { path: HOME_SEED_DIR });
    const original = (await docker.getImage(committedId).inspect()).Config;
    await seeding.commit({
      repo: repository,
      tag,
      // The seeding container ran a cleanup command; the image keeps the
      // desktop's own entrypoint and command.
      changes: [
        `ENTRYPOINT ${JSON.stringify(original.Entrypoint ?? [])}`,
        `CMD ${JSON.stringify(original.Cmd ?? [])}`,
      ],
    });
  } finally {
    await seeding?.remove({ force: true }).catch(() => {});
    // Untagged and only the parent of the saved image: removing it frees
    // nothing in use, and a failed save leaves nothing behind.
    await docker
      .getImage(committedId)
      .remove({ noprune: false })
      .catch(() => {});
  }
  // A failed push keeps the local image, so a retry only pushes.
  return pushWithDigest(
    docker,
    repository,
    tag,
    request.credentials,
    progress => onStep({ step: 'push', progress }),
  );
}

/** A stopped container of `image` whose home seed folder is empty. */
async function emptiedSeedContainer(
  docker: Docker,
  image: string,
): Promise<Docker.Container> {
  const seeding = await docker.createContainer({
    Image: image,
    Entrypoint: ['find', HOME_SEED_DIR, '-mindepth', '1', '-delete'],
    Cmd: [],
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
    },
  });
  await seeding.start();
  const { StatusCode } = (await seeding.wait()) as { StatusCode: number };
  if (StatusCode !== 0) {
    await seeding.remove({ force: true }).catch(() => {});
    throw new Error(
      `Emptying the home seed of the saved image failed (exit ${StatusCode}); is it a Labstage desktop image?`,
    );
  }
  return seeding;
}

/** One line of push progress as text, e.g. "a1b2c3d4: Pushing 12.0/48.3 MB". */
export function pushDetail(progress: PushProgress): string | undefined {
  if (!progress.status) return undefined;
  const { current, total } = progress.progressDetail ?? {};
  const amount =
    current !== undefined && total
      ? ` ${(current / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB`
      : '';
  return `${progress.id ? `${progress.id}: ` : ''}${progress.status}${amount}`;
}
