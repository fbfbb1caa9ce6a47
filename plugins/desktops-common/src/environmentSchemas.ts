import { storableText } from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';
import { IMAGE_NAME_COMPONENT, IMAGE_TAG } from './imageNames';

/** A saved image's name: one lowercase registry path component. @public */
export const savedImageNameSchema = z
  .string()
  .min(1, 'Give the image a name')
  .max(64, 'Image names are at most 64 characters')
  .regex(
    IMAGE_NAME_COMPONENT,
    'Image names use lowercase letters and digits, joined by single ".", "_", "__" or "-" (no "/", no "..")',
  );

/** A version; the next `v<n>` when left out. @public */
export const imageTagSchema = z
  .string()
  .regex(
    IMAGE_TAG,
    'Versions are 1 to 128 letters, digits, ".", "_" or "-", not starting with "." or "-"',
  );

/** POST /desktops/:id/image @public */
export const saveImageRequestSchema = z.strictObject({
  name: savedImageNameSchema,
  tag: imageTagSchema.optional(),
});

/** Resources a course environment asks for; the role caps still apply. @public */
export const environmentResourcesSchema = z.strictObject({
  cpus: z.number().positive().max(64).optional(),
  memoryMiB: z.number().int().min(256).max(262144).optional(),
});

/** POST /courses/:courseId/environment @public */
export const publishEnvironmentRequestSchema = z.strictObject({
  imageId: z.uuid('imageId must be a saved image id'),
  description: storableText(
    'Description',
    z.string().max(2000, 'Descriptions are at most 2000 characters'),
  ).default(''),
  resources: environmentResourcesSchema.optional(),
});

/**
 * POST /desktops/clone: stopped copies of a saved image for people: every
 * student of a course, some of them, or (admins) anyone.
 *
 * @public
 */
export const cloneDesktopsRequestSchema = z
  .strictObject({
    imageId: z.uuid('imageId must be a saved image id'),
    usernames: z.array(z.string().min(1).max(64)).max(500).optional(),
    courseId: z.string().min(1).max(64).optional(),
  })
  .refine(b => b.usernames !== undefined || b.courseId !== undefined, {
    message: 'Give usernames, a courseId, or both (some students of a course)',
  });

/** A file put into a built image. @public */
export const buildFileSchema = z.strictObject({
  path: z
    .string()
    .min(2)
    .max(1024)
    .regex(/^\/[^\0]*$/, 'File paths are absolute')
    .refine(p => !p.split('/').includes('..'), 'File paths may not use ".."'),
  content: storableText(
    'File content',
    z.string().max(1024 * 1024, 'Files are at most 1 MiB of text'),
  ),
  mode: z.number().int().min(0).max(0o777).optional(),
});

/** POST /saved-images/build @public */
export const buildImageRequestSchema = z
  .strictObject({
    /** A catalog image id, a saved image id, or a ref in the configured registry. */
    base: z.string().min(1).max(512),
    name: savedImageNameSchema,
    tag: imageTagSchema.optional(),
    dockerfile: z
      .string()
      .max(64 * 1024, 'The Dockerfile fragment is at most 64 KiB')
      .optional(),
    files: z.array(buildFileSchema).max(200).optional(),
  })
  .refine(b => b.dockerfile !== undefined || (b.files?.length ?? 0) > 0, {
    message: 'Give a Dockerfile fragment, files, or both',
  });

/** @public */
export type SaveImageRequest = z.infer<typeof saveImageRequestSchema>;
/** @public */
export type PublishEnvironmentRequest = z.input<
  typeof publishEnvironmentRequestSchema
>;
/** @public */
export type CloneDesktopsRequest = z.infer<typeof cloneDesktopsRequestSchema>;
/** @public */
export type BuildImageRequest = z.infer<typeof buildImageRequestSchema>;
