import { RootConfigService as Config } from '@backstage/backend-plugin-api';
import path from 'node:path';
import { FilesystemMaterialStorage } from './FilesystemMaterialStorage';
import { MaterialStorage } from './MaterialStorage';
import { S3MaterialStorage } from './S3MaterialStorage';

/** Default when `courses.materials.maxBytes` is not set: 100 MiB. */
export const DEFAULT_MAX_MATERIAL_BYTES = 104857600;

/** Default filesystem directory, relative to the backend's working directory. */
export const DEFAULT_MATERIALS_DIRECTORY = '.data/materials';

/** Reads `courses.materials.storage` and builds the configured storage. */
export function createMaterialStorage(config: Config): MaterialStorage {
  const storage = config.getOptionalConfig('courses.materials.storage');
  const type = storage?.getOptionalString('type') ?? 'filesystem';
  if (type === 'filesystem') {
    const directory =
      storage?.getOptionalString('filesystem.directory') ||
      path.resolve(process.cwd(), DEFAULT_MATERIALS_DIRECTORY);
    return new FilesystemMaterialStorage({ directory });
  }
  if (type === 's3') {
    const s3 = storage!.getConfig('s3');
    return new S3MaterialStorage({
      bucket: s3.getString('bucket'),
      region: s3.getOptionalString('region'),
      endpoint: s3.getOptionalString('endpoint'),
      forcePathStyle: s3.getOptionalBoolean('forcePathStyle'),
      accessKeyId: s3.getOptionalString('accessKeyId'),
      secretAccessKey: s3.getOptionalString('secretAccessKey'),
      prefix: s3.getOptionalString('prefix'),
    });
  }
  throw new Error(
    `Unknown courses.materials.storage.type '${type}', expected 'filesystem' or 's3'`,
  );
}

export function readMaxMaterialBytes(config: Config): number {
  const value = config.getOptionalNumber('courses.materials.maxBytes');
  if (value === undefined) return DEFAULT_MAX_MATERIAL_BYTES;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error('courses.materials.maxBytes must be a positive number');
  }
  return value;
}
