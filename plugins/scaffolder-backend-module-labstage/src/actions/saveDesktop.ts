import { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  saveImageRequestSchema,
  type Desktop,
  type ImageSave,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { InitiatorContext, LabstageApi } from '../labstageApi';
import { DRY_RUN_PLACEHOLDER } from './dryRun';
import { given } from './inputs';

/** What a desktop save gives back (also the output of the action). */
export type SavedDesktopImage = { imageId: string; ref: string; tag: string };

/**
 * Saves a desktop as an image and waits for it: `POST /desktops/:id/image`,
 * then `GET /image-saves/:id` until it succeeds or fails. In a dry run it
 * only reads the desktop and says what it would do.
 */
export async function saveDesktopImage(
  api: LabstageApi,
  ctx: InitiatorContext & { logger: LoggerService; isDryRun?: boolean },
  input: { desktopId: string; name: string; tag?: string },
): Promise<SavedDesktopImage> {
  const request = parseInput(saveImageRequestSchema, {
    name: input.name,
    tag: given(input.tag),
  });
  const desktops = api.forInitiator(ctx, 'desktops');
  const desktopPath = `/desktops/${encodeURIComponent(input.desktopId)}`;
  const version = request.tag ?? 'the next version';
  if (ctx.isDryRun) {
    const desktop = await desktops.get<Desktop>(desktopPath);
    ctx.logger.info(
      `Dry run: would save desktop ${desktop.id} ("${desktop.name}", ${desktop.state}) as image "${request.name}", ${version}; nothing was saved`,
    );
    return {
      imageId: DRY_RUN_PLACEHOLDER,
      ref: DRY_RUN_PLACEHOLDER,
      tag: request.tag ?? DRY_RUN_PLACEHOLDER,
    };
  }
  ctx.logger.info(
    `Saving desktop ${input.desktopId} as image "${request.name}", ${version}`,
  );
  const { save } = await desktops.post<{ save: ImageSave }>(
    `${desktopPath}/image`,
    request,
  );
  const image = await api.waitForImageSave({
    desktops,
    save,
    logger: ctx.logger,
    signal: ctx.signal,
  });
  ctx.logger.info(`Saved ${image.ref} (image id ${image.id})`);
  return { imageId: image.id, ref: image.ref, tag: image.tag };
}

/**
 * `labstage:desktop:save`
 *
 * @public
 */
export function createDesktopSaveAction(options: { api: LabstageApi }) {
  return createTemplateAction({
    id: 'labstage:desktop:save',
    description:
      'Saves one of your desktops (system changes and home folder) as a new version of a saved image and waits until it is in the registry, logging each step. The desktop keeps running. Runs as the user who started the template: you may only save desktops you could save in Labstage yourself.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Save a desktop as python-lab, next version',
        example: [
          'steps:',
          '  - id: save',
          '    action: labstage:desktop:save',
          '    input:',
          '      desktopId: ${{ parameters.desktopId }}',
          '      name: python-lab',
        ].join('\n'),
      },
    ],
    schema: {
      input: z =>
        z.object({
          desktopId: z
            .string()
            .min(1)
            .describe('Id of the desktop to save (12 letters and digits)'),
          name: z
            .string()
            .min(1)
            .describe(
              'Image name: lowercase letters and digits joined by ".", "_" or "-", e.g. python-lab',
            ),
          tag: z
            .string()
            .optional()
            .describe('Version, e.g. v3; the next v<n> when left out'),
        }),
      output: z =>
        z.object({
          imageId: z
            .string()
            .describe(
              `Id of the saved image ("${DRY_RUN_PLACEHOLDER}" in a dry run)`,
            ),
          ref: z.string().describe('Full image reference, registry included'),
          tag: z.string().describe('The version saved'),
        }),
    },
    async handler(ctx) {
      const saved = await saveDesktopImage(options.api, ctx, ctx.input);
      ctx.output('imageId', saved.imageId);
      ctx.output('ref', saved.ref);
      ctx.output('tag', saved.tag);
    },
  });
}
