import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { LoggerService } from '@backstage/backend-plugin-api';
import Docker from 'dockerode';
import { mockServices } from '@backstage/backend-test-utils';
import { DockerDesktopRuntime } from '../runtime/DockerDesktopRuntime';
import { containerName } from '../runtime/dockerNaming';

const run = promisify(execFile);

/** Fails with what to do when the desktop image is not on the local engine. */
export async function requireDesktopImage(): Promise<void> {
  try {
    await run('docker', ['image', 'inspect', 'labstage/desktop:latest']);
  } catch (error) {
    throw new Error(
      `These tests need Docker and the image labstage/desktop:latest (scripts/test builds it): ${error}`,
    );
  }
}

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
  const runtime = offlineDockerRuntime({ ...options, runDir });
  return { runtime, runDir };
}

/**
 * A Docker runtime on the local engine for tests, desktops offline, in the
 * given run folder, labelled with `deploymentId` for cleanup.
 */
export function offlineDockerRuntime(options: {
  runDir: string;
  deploymentId: string;
  logger?: LoggerService;
}): DockerDesktopRuntime {
  return new DockerDesktopRuntime({
    socketPath: '/var/run/docker.sock',
    network: 'none',
    runDir: options.runDir,
    deploymentId: options.deploymentId,
    logger: options.logger ?? mockServices.logger.mock(),
  });
}

/**
 * Runs `script` with bash in a desktop's container (as `user`, default the
 * desktop user) and returns its output; throws with the output on a
 * non-zero exit.
 */
export async function execInDesktop(
  desktopId: string,
  script: string,
  user = 'student',
): Promise<string> {
  const execution = await new Docker()
    .getContainer(containerName(desktopId))
    .exec({
      Cmd: ['bash', '-c', script],
      User: user,
      AttachStdout: true,
      AttachStderr: true,
      // A TTY keeps the output one plain stream (no multiplexing frames).
      Tty: true,
    });
  const stream = (await execution.start({ Tty: true })) as unknown as Readable;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const output = Buffer.concat(chunks).toString();
  const { ExitCode } = await execution.inspect();
  if (ExitCode !== 0) {
    throw new Error(`${script} exited ${ExitCode}: ${output}`);
  }
  return output;
}
