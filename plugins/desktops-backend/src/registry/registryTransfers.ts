import Docker from 'dockerode';
import {
  RegistryCredentials,
  RegistryError,
} from '@internal/backstage-plugin-desktops-node';

/** One line of the engine's push progress. */
export type PushProgress = {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
};

/**
 * Pushes a local image to its registry with the given credentials, which go
 * to the engine for this push only (nothing is written to a Docker config).
 * Layers the registry already has are not sent again ("Layer already
 * exists"), which is how copies of one environment cost no registry space.
 */
export async function pushImage(
  docker: Docker,
  reference: string,
  credentials: RegistryCredentials,
  onProgress: (progress: PushProgress) => void = () => {},
): Promise<void> {
  const stream = await docker
    .getImage(reference)
    .push({ authconfig: credentials });
  await followTransfer(docker, stream, `Pushing ${reference}`, onProgress);
}

/**
 * Pushes `<repository>:<tag>` and returns the digest the registry stored
 * it under.
 */
export async function pushWithDigest(
  docker: Docker,
  repository: string,
  tag: string,
  credentials: RegistryCredentials,
  onProgress?: (progress: PushProgress) => void,
): Promise<{ reference: string; digest: string }> {
  const reference = `${repository}:${tag}`;
  await pushImage(docker, reference, credentials, onProgress);
  const digest = (await docker.getImage(reference).inspect()).RepoDigests.find(
    d => d.startsWith(`${repository}@`),
  );
  if (!digest) {
    throw new RegistryError(
      'rejected',
      `The registry accepted ${reference} but reported no digest for it`,
    );
  }
  return { reference, digest: digest.slice(repository.length + 1) };
}

/**
 * Pulls an image from the registry with the given credentials (for this
 * pull only). Layers the engine already has, such as the desktop base
 * image's, are not fetched again.
 */
export async function pullImage(
  docker: Docker,
  reference: string,
  credentials: RegistryCredentials,
  onProgress: (progress: PushProgress) => void = () => {},
): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(reference, { authconfig: credentials });
  } catch (error) {
    // The engine answers a refused or unknown pull with an HTTP error.
    const message = (error as { json?: { message?: string } }).json?.message;
    throw new RegistryError(
      transferFailureReason(message ?? String(error)),
      `Pulling ${reference} failed: ${message ?? error}`,
    );
  }
  await followTransfer(docker, stream, `Pulling ${reference}`, onProgress);
}

/** Waits for the engine's progress stream; its errors arrive as events. */
async function followTransfer(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  what: string,
  onProgress: (progress: PushProgress) => void,
): Promise<void> {
  const events = await new Promise<
    Array<PushProgress & { error?: string; errorDetail?: { message?: string } }>
  >((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (error, output) => (error ? reject(error) : resolve(output ?? [])),
      onProgress,
    ),
  );
  const failure = events.find(e => e.error || e.errorDetail);
  if (failure) {
    const message = failure.errorDetail?.message ?? failure.error ?? '';
    throw new RegistryError(
      transferFailureReason(message),
      `${what} failed: ${message}`,
    );
  }
}

/** The engine reports transfer failures as text only. */
function transferFailureReason(message: string): RegistryError['reason'] {
  if (/unauthorized|authentication required|denied/i.test(message)) {
    return 'unauthorized';
  }
  if (/not found|manifest unknown|name unknown/i.test(message)) {
    return 'not-found';
  }
  if (/connection refused|no such host|timeout|dial tcp/i.test(message)) {
    return 'unreachable';
  }
  return 'rejected';
}
