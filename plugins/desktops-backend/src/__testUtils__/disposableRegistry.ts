import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DistributionRegistryOptions } from '../registry/DistributionRegistry';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';

const run = promisify(execFile);

/**
 * The `storage:` driver block of a registry config, e.g.
 * `{ s3: { bucket, regionendpoint, ... }, redirect: { disable: true } }`.
 * Deletes are always enabled, as scripts/lib/registry.sh configures them.
 */
export type RegistryStorage = Record<string, unknown>;

/**
 * A registry of a test's own (Debian's docker-registry, as scripts/lib/registry.sh
 * runs it) that the test may stop and start again, on a loopback port.
 * Its storage outlives a stop, as a real registry's disk (or bucket) does;
 * by default that is a folder of its own.
 */
export class DisposableRegistry {
  #process: ChildProcess | undefined;

  private constructor(
    private readonly dir: string,
    readonly options: DistributionRegistryOptions,
  ) {}

  static async create(
    port: number,
    storage?: RegistryStorage,
  ): Promise<DisposableRegistry> {
    const dir = await fs.mkdtemp(join(os.tmpdir(), 'lsreg-'));
    const password = randomBytes(12).toString('hex');
    const { stdout } = await run('htpasswd', ['-Bbn', 'labstage', password]);
    await fs.writeFile(join(dir, 'htpasswd'), stdout);
    // JSON is YAML too: the block is written as given.
    const storageBlock = JSON.stringify({
      ...(storage ?? { filesystem: { rootdirectory: join(dir, 'storage') } }),
      delete: { enabled: true },
    });
    await fs.writeFile(
      join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log: { level: error }',
        `storage: ${storageBlock}`,
        `http: { addr: "127.0.0.1:${port}", secret: ${randomBytes(16).toString(
          'hex',
        )} }`,
        `auth: { htpasswd: { realm: labstage, path: ${join(
          dir,
          'htpasswd',
        )} } }`,
        '',
      ].join('\n'),
    );
    return new DisposableRegistry(dir, {
      url: `http://127.0.0.1:${port}`,
      username: 'labstage',
      password,
    });
  }

  async start(): Promise<void> {
    // The S3 driver panics when AWS_CA_BUNDLE is set (as scripts/lib/registry.sh notes).
    const { AWS_CA_BUNDLE: _, ...env } = process.env;
    const log = await fs.open(join(this.dir, 'registry.log'), 'a');
    try {
      this.#process = spawn(
        'docker-registry',
        ['serve', join(this.dir, 'config.yml')],
        { stdio: ['ignore', log.fd, log.fd], env },
      );
    } finally {
      await log.close();
    }
    const child = this.#process;
    const auth = Buffer.from(
      `${this.options.username}:${this.options.password}`,
    ).toString('base64');
    try {
      await waitFor(
        'the test registry to answer',
        async () => {
          if (child.exitCode !== null) return false;
          const response = await fetch(`${this.options.url}/v2/`, {
            headers: { authorization: `Basic ${auth}` },
          });
          return response.ok ? true : undefined;
        },
        15_000,
      );
      if (child.exitCode !== null) throw new Error('it exited');
    } catch (error) {
      const output = await fs
        .readFile(join(this.dir, 'registry.log'), 'utf8')
        .catch(() => '');
      throw new Error(
        `The test registry did not start (${error}); its log:\n${output.slice(
          -2000,
        )}`,
      );
    }
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise(resolve => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
