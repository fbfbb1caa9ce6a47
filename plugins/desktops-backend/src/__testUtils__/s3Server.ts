import {
  CreateBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/**
 * A real S3 protocol server on a free loopback port: gofakes3, which
 * scripts/test builds once per machine (scripts/lib/s3-server.sh) and names in
 * LABSTAGE_S3_SERVER_BIN. Unlike s3rver it lists multipart uploads, which the
 * registry's s3 driver needs. It checks no signatures, so the credentials
 * are only what a client would send to a real S3.
 */
export class TestS3Server {
  readonly region = 'us-east-1';
  readonly accessKeyId = randomBytes(10).toString('hex');
  readonly secretAccessKey = randomBytes(20).toString('hex');
  readonly client: S3Client;

  private constructor(
    private readonly dir: string,
    private readonly child: ChildProcess,
    readonly endpoint: string,
  ) {
    this.client = new S3Client({
      endpoint,
      region: this.region,
      forcePathStyle: true,
      credentials: {
        accessKeyId: this.accessKeyId,
        secretAccessKey: this.secretAccessKey,
      },
    });
  }

  static async start(): Promise<TestS3Server> {
    const bin = process.env.LABSTAGE_S3_SERVER_BIN;
    if (!bin) {
      throw new Error(
        'This test needs the S3 test server: run it through scripts/test, which builds gofakes3 (scripts/lib/s3-server.sh) and sets LABSTAGE_S3_SERVER_BIN',
      );
    }
    await fs.access(bin).catch(() => {
      throw new Error(
        `LABSTAGE_S3_SERVER_BIN is ${bin}, which does not exist: run scripts/test to build it`,
      );
    });
    const dir = await fs.mkdtemp(join(os.tmpdir(), 'lss3-'));
    // Port 0: the server takes a free one and logs it.
    const child = spawn(
      bin,
      [
        '-host',
        '127.0.0.1:0',
        '-backend',
        'fs',
        '-fs.path',
        dir,
        '-fs.create',
        '-quiet',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(
          () => reject(new Error(`no port within 10 s: ${output}`)),
          10_000,
        );
        child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          const found = /using port: (\d+)/.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        child.once('exit', code => {
          clearTimeout(timer);
          reject(new Error(`it exited (${code}): ${output}`));
        });
      });
      // Keep draining its log so the pipe never fills.
      child.stderr!.resume();
      return new TestS3Server(dir, child, `http://127.0.0.1:${port}`);
    } catch (error) {
      child.kill('SIGKILL');
      await fs.rm(dir, { recursive: true, force: true });
      throw new Error(`The S3 test server (${bin}) did not start: ${error}`);
    }
  }

  async createBucket(bucket: string): Promise<void> {
    await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
  }

  /** Every object under `prefix`, with its size. */
  async listObjects(
    bucket: string,
    prefix: string,
  ): Promise<Map<string, number>> {
    const objects = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        objects.set(object.Key!, object.Size ?? 0);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  /** The keys of multipart uploads begun and neither completed nor aborted. */
  async openUploads(bucket: string): Promise<string[]> {
    const page = await this.client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket }),
    );
    return (page.Uploads ?? []).map(upload => upload.Key!);
  }

  async stop(): Promise<void> {
    this.client.destroy();
    if (this.child.exitCode === null) {
      await new Promise(resolve => {
        this.child.once('exit', resolve);
        this.child.kill('SIGKILL');
      });
    }
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
