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
      pushFailureReason(message),
      `Pushing ${reference} failed: ${message}`,
    );
  }
}

/** The engine reports push failures as text only. */
function pushFailureReason(message: string): RegistryError['reason'] {
  if (/unauthorized|authentication required|denied/i.test(message)) {
    return 'unauthorized';
  }
  if (/connection refused|no such host|timeout|dial tcp/i.test(message)) {
    return 'unreachable';
  }
  return 'rejected';
}
