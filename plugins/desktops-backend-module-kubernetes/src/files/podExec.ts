import { PassThrough, Readable, Writable } from 'node:stream';
import type { Exec, V1Status } from '@kubernetes/client-node';
import { CONTAINER_NAME, podName } from '../workload/naming';

export type PodExecTarget = {
  exec: Exec;
  namespace: string;
  desktopId: string;
};

/** The exit code a V1Status from the exec API carries (0 on Success). */
export function execExitCode(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find(c => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : -1;
}

/**
 * Runs a command in the desktop's container (as the image's user, like
 * everything in the pod) through the API server's exec API, streaming
 * stdin and stdout. Resolves with the exit code once the command ended and
 * stdout was fully written.
 */
export async function execInPod(
  target: PodExecTarget,
  command: string[],
  streams: {
    stdin?: Readable;
    stdout?: Writable;
    maxStderrBytes?: number;
  } = {},
): Promise<{ exitCode: number; stderr: string }> {
  let stderr = '';
  const limit = streams.maxStderrBytes ?? 4096;
  const stderrSink = new Writable({
    write(chunk, _encoding, done) {
      if (stderr.length < limit)
        stderr += String(chunk).slice(0, limit - stderr.length);
      done();
    },
  });
  const stdout = streams.stdout ?? new PassThrough().resume();
  const status = await new Promise<V1Status>((resolve, reject) => {
    target.exec
      .exec(
        target.namespace,
        podName(target.desktopId),
        CONTAINER_NAME,
        command,
        stdout,
        stderrSink,
        streams.stdin ?? null,
        false,
        resolve,
      )
      .then(ws => {
        ws.on('error', reject);
        ws.on('close', () =>
          // A closed stream without a status: the pod went away meanwhile.
          setImmediate(() =>
            reject(new Error('The exec stream closed without a status')),
          ),
        );
      })
      .catch(reject);
  });
  return { exitCode: execExitCode(status), stderr: stderr.trim() };
}

/** Runs a command and collects its stdout (up to maxBytes). */
export async function execCollect(
  target: PodExecTarget,
  command: string[],
  maxBytes = 1024 * 1024,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
      done();
    },
  });
  const result = await execInPod(target, command, { stdout });
  return { ...result, stdout: Buffer.concat(chunks).toString('utf8') };
}
