import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  buildImageRequestSchema,
  type BuildImageRequest,
  type DesktopImage,
  type ImageSave,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { LabstageApi } from '../labstageApi';
import { DRY_RUN_PLACEHOLDER, listSavedImages } from './dryRun';
import { given } from './inputs';

/**
 * `labstage:image:build`
 *
 * @public
 */
export function createImageBuildAction(options: { api: LabstageApi }) {
  return createTemplateAction({
    id: 'labstage:image:build',
    description:
      'Builds a saved image from a base (a catalog image id, a saved image id, or an image in the configured registry) plus a Dockerfile fragment and/or files, and waits until it is in the registry, logging each step. Needs no network unless the Dockerfile fragment does: builds run with no network by default, so a fragment that downloads packages fails unless networked builds are allowed. Runs as the user who started the template (building is for instructors and admins).',
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          base: z
            .string()
            .min(1)
            .describe(
              'Catalog image id, saved image id, or image ref in the configured registry',
            ),
          name: z
            .string()
            .min(1)
            .describe('Name of the new image, e.g. python-lab'),
          tag: z
            .string()
            .optional()
            .describe('Version, e.g. v3; the next v<n> when left out'),
          dockerfile: z
            .string()
            .optional()
            .describe(
              'Dockerfile instructions to run on top of the base (no FROM); no network unless allowed',
            ),
          files: z
            .array(
              z.object({
                path: z.string().describe('Absolute path in the image'),
                content: z.string().describe('Text content'),
              }),
            )
            .optional()
            .describe('Files to put into the image'),
        }),
      output: z =>
        z.object({
          imageId: z
            .string()
            .describe(
              `Id of the built image ("${DRY_RUN_PLACEHOLDER}" in a dry run)`,
            ),
          ref: z.string().describe('Full image reference, registry included'),
        }),
    },
    async handler(ctx) {
      const dockerfile = given(ctx.input.dockerfile);
      const tag = given(ctx.input.tag);
      const body: BuildImageRequest = {
        base: ctx.input.base,
        name: ctx.input.name,
        ...(tag !== undefined && { tag }),
        ...(dockerfile !== undefined && { dockerfile }),
        ...(ctx.input.files?.length && { files: ctx.input.files }),
      };
      parseInput(buildImageRequestSchema, body);
      const desktops = options.api.forInitiator(ctx, 'desktops');
      const what = `image "${body.name}", ${tag ?? 'the next version'}`;

      if (ctx.isDryRun) {
        const [catalog, saved] = await Promise.all([
          desktops.get<{ items: DesktopImage[] }>('/images'),
          listSavedImages(desktops),
        ]);
        const fromCatalog = catalog.items.find(i => i.id === body.base);
        const fromSaved = saved.find(i => i.id === body.base);
        let base = `registry image ${body.base} (not a catalog or saved image id)`;
        if (fromCatalog) {
          base = `catalog image ${fromCatalog.id} (${fromCatalog.image})`;
        } else if (fromSaved) {
          base = `saved image ${fromSaved.ref}`;
        }
        ctx.logger.info(
          `Dry run: would build ${what} from ${base} with ${
            dockerfile ? 'a Dockerfile fragment' : 'no Dockerfile fragment'
          } and ${body.files?.length ?? 0} file(s); nothing was built`,
        );
        ctx.output('imageId', DRY_RUN_PLACEHOLDER);
        ctx.output('ref', DRY_RUN_PLACEHOLDER);
        return;
      }

      ctx.logger.info(`Building ${what} from ${body.base}`);
      const { save } = await desktops.post<{ save: ImageSave }>(
        '/saved-images/build',
        body,
      );
      const image = await options.api.waitForImageSave({
        desktops,
        save,
        logger: ctx.logger,
        signal: ctx.signal,
      });
      ctx.logger.info(`Built ${image.ref} (image id ${image.id})`);
      ctx.output('imageId', image.id);
      ctx.output('ref', image.ref);
    },
  });
}
