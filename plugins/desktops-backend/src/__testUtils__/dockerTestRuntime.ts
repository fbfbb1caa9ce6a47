import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';

/**
 * A Docker runtime on the local engine for tests: desktops offline, in a
 * fresh run folder under a short prefix (the display socket path must stay
 * under 100 characters), labelled with `deploymentId` for cleanup.
 */
export async function dockerTestRuntime(options: {
  runDirPrefix: string;
  deploymentId: string;
  logger?: LoggerService;
}): Promise<{ runtime: DockerDesktopRuntime; runDir: string }> {
  const runDir = await fs.mkdtemp(join(os.tmpdir(), options.runDirPrefix));
  const runtime = new DockerDesktopRuntime({
    socketPath: '/var/run/docker.sock',
    network: 'none',
    runDir,
    deploymentId: options.deploymentId,
    logger: options.logger ?? mockServices.logger.mock(),
  });
  return { runtime, runDir };
}
