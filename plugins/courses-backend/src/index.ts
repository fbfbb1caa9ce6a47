/**
 * Labstage courses backend: REST API, store, material storage.
 *
 * @packageDocumentation
 */

export { coursesPlugin as default } from './plugin';
export type { MaterialStorage } from './materials/MaterialStorage';
export { FilesystemMaterialStorage } from './materials/FilesystemMaterialStorage';
export { S3MaterialStorage } from './materials/S3MaterialStorage';
export type { S3MaterialStorageOptions } from './materials/S3MaterialStorage';
