import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { DistributionRegistryOptions } from '../registry/DistributionRegistry';

const run = promisify(execFile);

/**
 * The real registry the test command starts (scripts/lib/registry.sh), from
 * the environment it exports.
 */
export function testRegistryOptions(): DistributionRegistryOptions {
  const url = process.env.LABSTAGE_REGISTRY_URL;
  const username = process.env.LABSTAGE_REGISTRY_USERNAME;
  const password = process.env.LABSTAGE_REGISTRY_PASSWORD;
  if (!url || !username || !password) {
    throw new Error(
      'These tests need the image registry: scripts/test starts it and sets LABSTAGE_REGISTRY_URL, LABSTAGE_REGISTRY_USERNAME and LABSTAGE_REGISTRY_PASSWORD',
    );
  }
  return { url, username, password };
}

/** A project name no other test run uses. */
export function uniqueProject(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * A tiny local image (one file, no base) tagged `reference`, made with
 * `docker import` so no network and no base image are needed.
 */
export async function importTinyImage(
  reference: string,
  content: string,
): Promise<void> {
  await run('bash', [
    '-c',
    'dir=$(mktemp -d) && printf %s "$1" > "$dir/hello.txt" && tar -C "$dir" -cf - . | docker import - "$0" >/dev/null && rm -rf "$dir"',
    reference,
    content,
  ]);
}

export async function removeLocalImage(reference: string): Promise<void> {
  await run('docker', ['image', 'rm', '-f', reference]).catch(() => {});
}
