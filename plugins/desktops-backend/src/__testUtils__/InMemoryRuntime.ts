import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DesktopFileDownload,
  DesktopRuntime,
  DesktopRuntimeSpec,
  DisplayAddress,
  RuntimeCapacity,
  RuntimeEvent,
  RuntimeStatus,
  FileTooLargeError,
  SaveImageRequest,
  BuildImageRequest,
} from '@internal/backstage-plugin-desktops-node';

type Workload = {
  status: RuntimeStatus;
  spec: DesktopRuntimeSpec;
  server?: net.Server;
  files: Map<string, Buffer>;
};

/**
 * A stand-in runtime for route tests that would be slowed down by real
 * containers: each "desktop" is a unix socket that greets with RFB 3.8, and
 * home is a map of files. Real containers are covered by service.test.ts.
 */
export class InMemoryRuntime implements DesktopRuntime {
  readonly kind = 'in-memory';
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsd-mem-'));
  private readonly workloads = new Map<string, Workload>();
  private readonly listeners = new Set<(event: RuntimeEvent) => void>();
  /**
   * Displays of desktops started from now on hang up without greeting, so a
   * launch keeps waiting for its display.
   */
  silentDisplays = false;
  /** What `capacity()` answers: a 2-core, 8 GiB machine unless a test says otherwise. */
  allocatable: RuntimeCapacity['allocatable'] = { cpus: 2, memoryMiB: 8192 };

  async capacity(): Promise<RuntimeCapacity> {
    return { allocatable: { ...this.allocatable } };
  }

  async start(spec: DesktopRuntimeSpec): Promise<{ handle: string }> {
    let workload = this.workloads.get(spec.desktopId);
    if (!workload) {
      workload = {
        spec,
        files: new Map(),
        status: {
          desktopId: spec.desktopId,
          owner: spec.owner,
          handle: `mem-${spec.desktopId}`,
          state: 'created',
          exitCode: null,
          oomKilled: false,
          deploymentId: 'test',
          startedAt: null,
          finishedAt: null,
        },
      };
      this.workloads.set(spec.desktopId, workload);
    }
    if (workload.status.state !== 'running') {
      workload.spec = spec;
      const socketPath = this.socketPath(spec.desktopId);
      fs.rmSync(socketPath, { force: true });
      const greeting = this.silentDisplays ? '' : 'RFB 003.008\n';
      const server = net.createServer(socket => socket.end(greeting));
      await new Promise<void>(resolve => server.listen(socketPath, resolve));
      workload.server = server;
      workload.status = {
        ...workload.status,
        state: 'running',
        exitCode: null,
        startedAt: new Date().toISOString(),
      };
      this.emit({ desktopId: spec.desktopId, type: 'started', exitCode: null });
    }
    return { handle: workload.status.handle };
  }

  async stop(desktopId: string): Promise<void> {
    const workload = this.workloads.get(desktopId);
    if (!workload || workload.status.state !== 'running') return;
    await new Promise(resolve => workload.server?.close(resolve));
    workload.server = undefined;
    workload.status = {
      ...workload.status,
      state: 'exited',
      exitCode: 0,
      finishedAt: new Date().toISOString(),
    };
    this.emit({ desktopId, type: 'died', exitCode: 0 });
  }

  /** The workload dies by itself, as a crash or an out-of-memory kill would. */
  async crash(desktopId: string, exitCode: number): Promise<void> {
    const workload = this.workloads.get(desktopId);
    if (!workload || workload.status.state !== 'running') return;
    await new Promise(resolve => workload.server?.close(resolve));
    workload.server = undefined;
    workload.status = {
      ...workload.status,
      state: 'exited',
      exitCode,
      finishedAt: new Date().toISOString(),
    };
    this.emit({ desktopId, type: 'died', exitCode });
  }

  async remove(desktopId: string): Promise<void> {
    await this.stop(desktopId);
    if (this.workloads.delete(desktopId)) {
      this.emit({ desktopId, type: 'removed', exitCode: null });
    }
  }

  async inspect(desktopId: string): Promise<RuntimeStatus | undefined> {
    return this.workloads.get(desktopId)?.status;
  }

  async list(): Promise<RuntimeStatus[]> {
    return [...this.workloads.values()].map(w => w.status);
  }

  async endpoint(desktopId: string): Promise<DisplayAddress> {
    const workload = this.workloads.get(desktopId);
    if (workload?.status.state !== 'running') {
      throw new ConflictError(`Desktop ${desktopId} is not running`);
    }
    return {
      kind: 'unix',
      path: this.socketPath(desktopId),
      ownerUid: process.getuid?.() ?? 0,
    };
  }

  watch(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async uploadFile(
    desktopId: string,
    file: { name: string; content: Readable; maxBytes: number },
  ): Promise<{ name: string; size: number }> {
    const workload = this.workloads.get(desktopId);
    if (!workload)
      throw new NotFoundError(`Desktop ${desktopId} has no workload`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of file.content) {
      size += chunk.length;
      if (size > file.maxBytes) {
        file.content.destroy();
        throw new FileTooLargeError(file.maxBytes);
      }
      chunks.push(Buffer.from(chunk));
    }
    const name = path.basename(file.name);
    workload.files.set(`Uploads/${name}`, Buffer.concat(chunks));
    return { name, size };
  }

  async downloadFile(
    desktopId: string,
    relativePath: string,
    options: { maxBytes: number },
  ): Promise<DesktopFileDownload> {
    const content = this.workloads.get(desktopId)?.files.get(relativePath);
    if (!content) throw new NotFoundError(`No file ${relativePath}`);
    if (content.length > options.maxBytes) {
      throw new FileTooLargeError(options.maxBytes);
    }
    return {
      name: path.basename(relativePath),
      size: content.length,
      content: Readable.from([content]),
    };
  }

  /**
   * Pretends to save: nothing reaches a registry, so the digest is made up.
   * Real saves are covered by saveDesktopImage.test.ts and
   * courseEnvironments.test.ts.
   */
  async saveImage(
    desktopId: string,
    request: SaveImageRequest,
  ): Promise<{ reference: string; digest: string }> {
    if (!this.workloads.has(desktopId)) {
      throw new NotFoundError(`No workload for desktop ${desktopId}`);
    }
    return this.pretendPush(request.repository, request.tag);
  }

  /** Pretends to build; see saveImage. */
  async buildImage(
    request: BuildImageRequest,
  ): Promise<{ reference: string; digest: string }> {
    return this.pretendPush(request.repository, request.tag);
  }

  /** Closes every display socket and removes the socket folder. */
  async dispose(): Promise<void> {
    for (const id of [...this.workloads.keys()]) await this.remove(id);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private pretendPush(repository: string, tag: string) {
    return {
      reference: `${repository}:${tag}`,
      digest: `sha256:${createHash('sha256')
        .update(`${repository}:${tag}`)
        .digest('hex')}`,
    };
  }

  private socketPath(desktopId: string) {
    return path.join(this.dir, `${desktopId}.sock`);
  }

  private emit(event: RuntimeEvent) {
    for (const listener of this.listeners) listener(event);
  }
}
