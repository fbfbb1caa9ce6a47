import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  publishEnvironmentRequestSchema,
  type CourseEnvironment,
  type PublishEnvironmentRequest,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { LabstageApi } from '../labstageApi';
import {
  describeManagedCourse,
  describeSavedImage,
  DRY_RUN_PLACEHOLDER,
  PLACEHOLDER_UUID,
} from './dryRun';
import { given } from './inputs';

/**
 * `labstage:environment:publish`
 *
 * @public
 */
export function createEnvironmentPublishAction(options: { api: LabstageApi }) {
  return createTemplateAction({
    id: 'labstage:environment:publish',
    description:
      "Publishes a saved image as the next version of a course's environment (POST /courses/:courseId/environment): desktops launched for the course from now on get it; existing desktops keep theirs. Runs as the user who started the template, so only the course's instructors (and admins) may publish.",
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          courseId: z.string().min(1).describe('Id of the course'),
          imageId: z
            .string()
            .min(1)
            .describe(
              'Id of the saved image, e.g. the imageId output of labstage:desktop:save',
            ),
          description: z
            .string()
            .optional()
            .describe('What changed in this version, shown to students'),
          cpus: z
            .number()
            .positive()
            .optional()
            .describe(
              "CPUs for the course's desktops (role limits still apply)",
            ),
          memoryMiB: z
            .number()
            .int()
            .optional()
            .describe("Memory in MiB for the course's desktops"),
        }),
      output: z =>
        z.object({
          version: z
            .number()
            .describe('The environment version published (0 in a dry run)'),
          imageRef: z.string().describe('Image reference of that version'),
        }),
    },
    async handler(ctx) {
      const { courseId, imageId, cpus, memoryMiB } = ctx.input;
      const description = given(ctx.input.description);
      const body: PublishEnvironmentRequest = { imageId };
      if (description !== undefined) {
        body.description = description;
      }
      if (cpus !== undefined || memoryMiB !== undefined) {
        body.resources = {
          ...(cpus !== undefined && { cpus }),
          ...(memoryMiB !== undefined && { memoryMiB }),
        };
      }
      const placeholderImage = ctx.isDryRun && imageId === DRY_RUN_PLACEHOLDER;
      // Refuse what the route would refuse before calling it.
      parseInput(
        publishEnvironmentRequestSchema,
        placeholderImage ? { ...body, imageId: PLACEHOLDER_UUID } : body,
      );
      const desktops = options.api.forInitiator(ctx, 'desktops');
      if (ctx.isDryRun) {
        const course = await describeManagedCourse(desktops, courseId);
        const image = await describeSavedImage(desktops, imageId);
        ctx.logger.info(
          `Dry run: would publish ${image} as environment version ${
            course.nextVersion
          } of ${course.description}${
            body.resources
              ? ` with resources ${JSON.stringify(body.resources)}`
              : ''
          }; nothing was published`,
        );
        ctx.output('version', 0);
        ctx.output('imageRef', DRY_RUN_PLACEHOLDER);
        return;
      }
      const { environment } = await desktops.post<{
        environment: CourseEnvironment;
      }>(`/courses/${encodeURIComponent(courseId)}/environment`, body);
      ctx.logger.info(
        `Published ${environment.imageRef} as version ${environment.version} of course ${environment.courseId}'s environment`,
      );
      ctx.output('version', environment.version);
      ctx.output('imageRef', environment.imageRef);
    },
  });
}
